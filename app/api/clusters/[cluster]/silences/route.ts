// POST /api/clusters/{cluster}/silences — mute alerts matching {rule, group, topic, broker} for durationMinutes
import { createSilence } from '@/lib/api/alert-readers';
import { respondToJson } from '@/lib/api/respond';
import { actorOf } from '@/lib/auth/request-access';

export const dynamic = 'force-dynamic';

export async function POST(req: Request, ctx: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await ctx.params;
  return respondToJson(req, (body) => createSilence(cluster, body, actorOf(req.headers, cluster)), 201);
}

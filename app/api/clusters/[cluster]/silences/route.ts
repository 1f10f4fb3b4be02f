// POST /api/clusters/{cluster}/silences — mute alerts matching {rule, group, topic, broker} for durationMinutes
import { createSilence } from '@/lib/api/alert-readers';
import { respondToJson } from '@/lib/api/respond';
import { requestSource } from '@/lib/http/request-guard';

export const dynamic = 'force-dynamic';

export async function POST(req: Request, ctx: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await ctx.params;
  return respondToJson(req, (body) => createSilence(cluster, body, requestSource(req.headers)), 201);
}

// GET /api/clusters/{cluster}/groups/{group} — one consumer group, from the latest poll
import { readGroup } from '@/lib/api/readers';
import { respond } from '@/lib/api/respond';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, ctx: { params: Promise<{ cluster: string; group: string }> }) {
  const { cluster, group } = await ctx.params;
  return respond(() => readGroup(cluster, group));
}

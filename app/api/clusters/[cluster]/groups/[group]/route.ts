// GET /api/clusters/{cluster}/groups/{group} — one consumer group, from the latest poll
import { readGroup } from '@/lib/api/readers';
import { respond } from '@/lib/api/respond';
import { visibleCluster } from '@/lib/auth/request-access';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ cluster: string; group: string }> }) {
  const { cluster, group } = await ctx.params;
  return respond(() => readGroup(visibleCluster(req.headers, cluster), group));
}

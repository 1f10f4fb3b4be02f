// GET /api/clusters/{cluster}/groups/{group}/history?range=1h[&breakdown=topic] — lag, time lag and rates over time
import { readGroupHistory } from '@/lib/api/history-readers';
import { respond } from '@/lib/api/respond';
import { visibleCluster } from '@/lib/auth/request-access';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ cluster: string; group: string }> }) {
  const { cluster, group } = await ctx.params;
  const query = new URL(req.url).searchParams;
  return respond(() =>
    readGroupHistory(visibleCluster(req.headers, cluster), group, query.get('range'), query.get('breakdown')),
  );
}

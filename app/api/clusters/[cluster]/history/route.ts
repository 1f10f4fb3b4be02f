// GET /api/clusters/{cluster}/history?range=1h — total produce rate and total lag over time
import { readClusterHistory } from '@/lib/api/history-readers';
import { respond } from '@/lib/api/respond';
import { visibleCluster } from '@/lib/auth/request-access';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await ctx.params;
  const query = new URL(req.url).searchParams;
  return respond(() => readClusterHistory(visibleCluster(req.headers, cluster), query.get('range')));
}

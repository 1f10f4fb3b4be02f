// GET /api/clusters/{cluster}/topics/{topic}/history?range=1h — produce rate, bytes in, size and log start over time
import { readTopicHistory } from '@/lib/api/history-readers';
import { respond } from '@/lib/api/respond';
import { visibleCluster } from '@/lib/auth/request-access';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ cluster: string; topic: string }> }) {
  const { cluster, topic } = await ctx.params;
  const query = new URL(req.url).searchParams;
  return respond(() => readTopicHistory(visibleCluster(req.headers, cluster), topic, query.get('range')));
}

// GET /api/clusters/{cluster}/topics/{topic} — configs, partitions with offsets and sizes, consuming groups
import { readTopic } from '@/lib/api/readers';
import { respond } from '@/lib/api/respond';
import { visibleCluster } from '@/lib/auth/request-access';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ cluster: string; topic: string }> }) {
  const { cluster, topic } = await ctx.params;
  return respond(() => readTopic(visibleCluster(req.headers, cluster), topic));
}

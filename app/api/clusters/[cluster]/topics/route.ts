// GET /api/clusters/{cluster}/topics — every topic with partitions, replication, retention and size (ETag: 304 until the next cycle)
import { readTopicsBody } from '@/lib/api/readers';
import { respondCached } from '@/lib/api/respond';
import { visibleCluster } from '@/lib/auth/request-access';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, ctx: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await ctx.params;
  return respondCached(request, () => readTopicsBody(visibleCluster(request.headers, cluster)));
}

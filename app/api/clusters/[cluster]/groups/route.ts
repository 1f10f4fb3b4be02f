// GET /api/clusters/{cluster}/groups — consumer groups with state, members and total lag (ETag: 304 until the next cycle)
import { readGroupsBody } from '@/lib/api/readers';
import { respondCached } from '@/lib/api/respond';
import { visibleCluster } from '@/lib/auth/request-access';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, ctx: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await ctx.params;
  return respondCached(request, () => readGroupsBody(visibleCluster(request.headers, cluster)));
}

// GET /api/clusters/{cluster}/events?group=&topic=&broker=&kind=&from=&to=&limit=&before= — the timeline
import { readClusterEvents } from '@/lib/api/event-readers';
import { respond } from '@/lib/api/respond';
import { visibleCluster } from '@/lib/auth/request-access';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await ctx.params;
  const query = new URL(req.url).searchParams;
  return respond(() => readClusterEvents(visibleCluster(req.headers, cluster), query));
}

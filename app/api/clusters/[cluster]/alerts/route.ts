// GET /api/clusters/{cluster}/alerts — active (pending, firing) and recently resolved alerts
import { readAlerts } from '@/lib/api/alert-readers';
import { respond } from '@/lib/api/respond';
import { visibleCluster } from '@/lib/auth/request-access';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await ctx.params;
  return respond(() => readAlerts(visibleCluster(req.headers, cluster)));
}

// GET /api/clusters/{cluster}/alerts — active (pending, firing) and recently resolved alerts
import { readAlerts } from '@/lib/api/alert-readers';
import { respond } from '@/lib/api/respond';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, ctx: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await ctx.params;
  return respond(() => readAlerts(cluster));
}

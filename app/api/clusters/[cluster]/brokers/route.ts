// GET /api/clusters/{cluster}/brokers — brokers, the active controller, leaders, replicas and bytes
import { readBrokers } from '@/lib/api/readers';
import { respond } from '@/lib/api/respond';
import { visibleCluster } from '@/lib/auth/request-access';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await ctx.params;
  return respond(() => readBrokers(visibleCluster(req.headers, cluster)));
}

// GET /api/clusters/{cluster}/topics — every topic with partitions, replication, retention and size
import { readTopics } from '@/lib/api/readers';
import { respond } from '@/lib/api/respond';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, ctx: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await ctx.params;
  return respond(() => readTopics(cluster));
}

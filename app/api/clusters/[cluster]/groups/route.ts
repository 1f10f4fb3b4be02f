// GET /api/clusters/{cluster}/groups — consumer groups with state, members and total lag
import { readGroups } from '@/lib/api/readers';
import { respond } from '@/lib/api/respond';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, ctx: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await ctx.params;
  return respond(() => readGroups(cluster));
}

// DELETE /api/clusters/{cluster}/silences/{id} — end a silence made in the UI now
import { expireSilence } from '@/lib/api/alert-readers';
import { respond } from '@/lib/api/respond';

export const dynamic = 'force-dynamic';

export async function DELETE(_req: Request, ctx: { params: Promise<{ cluster: string; id: string }> }) {
  const { cluster, id } = await ctx.params;
  return respond(() => expireSilence(cluster, id), 204);
}

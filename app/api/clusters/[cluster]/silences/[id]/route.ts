// DELETE /api/clusters/{cluster}/silences/{id} — end a silence made in the UI now
import { expireSilence } from '@/lib/api/alert-readers';
import { respond } from '@/lib/api/respond';
import { actorOf } from '@/lib/auth/request-access';

export const dynamic = 'force-dynamic';

export async function DELETE(req: Request, ctx: { params: Promise<{ cluster: string; id: string }> }) {
  const { cluster, id } = await ctx.params;
  return respond(() => expireSilence(cluster, id, actorOf(req.headers, cluster)), 204);
}

// DELETE /api/clusters/{cluster}/silences/{id} — end a silence made in the UI now
import { expireSilence } from '@/lib/api/alert-readers';
import { respond } from '@/lib/api/respond';
import { requestSource } from '@/lib/http/request-guard';

export const dynamic = 'force-dynamic';

export async function DELETE(req: Request, ctx: { params: Promise<{ cluster: string; id: string }> }) {
  const { cluster, id } = await ctx.params;
  return respond(() => expireSilence(cluster, id, requestSource(req.headers)), 204);
}

// GET /api/clusters/{cluster}/groups/{group}/record?topic=T&partition=P — the record at the group's committed offset, read now
import { readGroupRecord, recordQuery } from '@/lib/api/record-readers';
import { respondAsync } from '@/lib/api/respond';
import { requireViewer } from '@/lib/auth/request-access';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ cluster: string; group: string }> }) {
  const { cluster, group } = await ctx.params;
  return respondAsync(async () => {
    const principal = requireViewer(req.headers, cluster);
    return readGroupRecord(cluster, group, recordQuery(new URL(req.url).searchParams), principal);
  });
}

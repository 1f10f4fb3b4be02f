// GET /api/clusters — every configured cluster with its status and counts
import { readClusters } from '@/lib/api/readers';
import { respond } from '@/lib/api/respond';
import { clusterFilter } from '@/lib/auth/request-access';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  return respond(() => readClusters(clusterFilter(req.headers)));
}

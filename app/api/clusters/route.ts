// GET /api/clusters — every configured cluster with its status and counts
import { readClusters } from '@/lib/api/readers';
import { respond } from '@/lib/api/respond';

export const dynamic = 'force-dynamic';

export function GET() {
  return respond(() => readClusters());
}

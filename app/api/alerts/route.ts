// GET /api/alerts — every cluster's active and recently resolved alerts, with firing and pending counts
import { readAllAlerts } from '@/lib/api/alert-readers';
import { respond } from '@/lib/api/respond';
import { clusterFilter } from '@/lib/auth/request-access';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  return respond(() => readAllAlerts(clusterFilter(req.headers)));
}

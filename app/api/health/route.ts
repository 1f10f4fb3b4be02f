// GET /api/health — readiness: 200 when every cluster's last cycle succeeded recently, else 503 with the details
import { health } from '@/lib/api/health';
import { getHistoryOff, getStore } from '@/lib/collector/runtime';

export const dynamic = 'force-dynamic';

export function GET() {
  const body = health(getStore().list(), getHistoryOff());
  return Response.json(body, { status: body.status === 'ready' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}

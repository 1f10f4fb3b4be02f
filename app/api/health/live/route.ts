// GET /api/health/live — liveness: the server answers (Kafka's state does not matter here)
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ status: 'alive' }, { headers: { 'Cache-Control': 'no-store' } });
}

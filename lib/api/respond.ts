/**
 * Runs a route's read and turns errors into JSON with the right status; never a stack trace.
 */
import { statusOf } from './errors';

export function respond(read: () => unknown): Response {
  try {
    return Response.json(read(), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    const status = statusOf(error);
    if (status === 500) console.error('[watermark] API error:', error);
    const message = status === 500 ? 'internal error' : (error as Error).message;
    return Response.json({ error: message }, { status, headers: { 'Cache-Control': 'no-store' } });
  }
}

/**
 * Runs a route's read or action and turns errors into JSON with the right status;
 * never a stack trace.
 */
import { acceptsGzip, ENCODED_WITH } from '../http/gzip-body';
import { encodedBodiesPassThrough } from '../http/install-request-guard';
import { MAX_BODY_BYTES } from '../http/request-guard';
import { log } from '../log/logger';
import { etagMatches, type CachedBody } from './cached-body';
import { BadRequestError, PayloadTooLargeError, statusOf, UnsupportedMediaTypeError } from './errors';

const NO_STORE = { 'Cache-Control': 'no-store' };

/** `status`: on success (204 sends no body). */
export function respond(read: () => unknown, status = 200): Response {
  try {
    const result = read();
    if (status === 204) return new Response(null, { status, headers: NO_STORE });
    return Response.json(result, { status, headers: NO_STORE });
  } catch (error) {
    return errorResponse(error);
  }
}

/** respond() for a read that waits (the one read from Kafka on request): never cached either. */
export async function respondAsync(read: () => Promise<unknown>): Promise<Response> {
  try {
    return Response.json(await read(), { headers: NO_STORE });
  } catch (error) {
    return errorResponse(error);
  }
}

function errorResponse(error: unknown): Response {
  const errorStatus = statusOf(error);
  // The stack goes to the log only: the answer says "internal error".
  if (errorStatus === 500)
    log.error({ component: 'api', err: error }, `API error: ${(error as Error)?.message ?? error}`);
  const message = errorStatus === 500 ? 'internal error' : (error as Error).message;
  return Response.json({ error: message }, { status: errorStatus, headers: NO_STORE });
}

/**
 * `no-cache`, not `no-store`: a browser may keep the answer but must ask again before every
 * use, sending its ETag; an unchanged answer then costs a 304 without a body instead of
 * megabytes. Never served stale: every use is revalidated against the latest cycle.
 */
const REVALIDATE = { 'Cache-Control': 'no-cache' };

/**
 * Like respond(), for an answer serialized once per cycle (see AnswerCache): 304 when the
 * request's If-None-Match names its ETag, else the body, gzipped once for every client
 * that takes gzip (see gzip-body.ts).
 */
export async function respondCached(request: Request, read: () => CachedBody): Promise<Response> {
  try {
    const body = read();
    const headers = { ...REVALIDATE, ETag: body.etag, Vary: 'Accept-Encoding', 'Content-Type': 'application/json' };
    if (etagMatches(request.headers.get('if-none-match'), body.etag)) {
      return new Response(null, { status: 304, headers: { ...REVALIDATE, ETag: body.etag } });
    }
    if (encodedBodiesPassThrough() && acceptsGzip(request.headers.get('accept-encoding'))) {
      return new Response(await body.gzipped(), { headers: { ...headers, [ENCODED_WITH]: 'gzip' } });
    }
    return new Response(body.bytes, { headers });
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * The body as text, read chunk by chunk and abandoned as soon as it passes `limitBytes`:
 * a body sent without Content-Length (chunked) is never buffered whole.
 */
export async function readLimitedText(request: Request, limitBytes: number): Promise<string> {
  const tooLarge = () => new PayloadTooLargeError(`body larger than ${limitBytes} bytes`);
  if (Number(request.headers.get('content-length') ?? 0) > limitBytes) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A JSON request body. Requiring Content-Type: application/json also means a
 * browser on another site cannot send it without a CORS preflight, which we never allow.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new UnsupportedMediaTypeError('send the body as JSON with Content-Type: application/json');
  }
  const text = await readLimitedText(request, MAX_BODY_BYTES);
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequestError('body is not valid JSON');
  }
}

/** Like respond(), for handlers that first read a JSON body. */
export async function respondToJson(
  request: Request,
  act: (body: unknown) => unknown,
  status = 200,
): Promise<Response> {
  let body: unknown;
  try {
    body = await readJsonBody(request);
  } catch (error) {
    return respond(() => {
      throw error;
    });
  }
  return respond(() => act(body), status);
}

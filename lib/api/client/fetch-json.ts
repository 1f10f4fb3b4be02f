/**
 * Fetches an API path and parses it with its schema, or sends a change to it;
 * errors carry the API's message.
 */
import type { z } from 'zod';
import { appPathOf, withBasePath } from '../../http/base-path';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * A 401 means the session ended while the page was open: off to sign in, coming back here
 * (the sign-in page itself reads nothing from the API, so this cannot loop).
 */
function signInAgain(): void {
  if (typeof window === 'undefined') return;
  const here = appPathOf(`${window.location.pathname}${window.location.search}`) ?? '/';
  if (here.split('?')[0] === '/sign-in') return;
  // A full page load on purpose: the sign-in that follows leaves this app (provider, form post).
  window.location.assign(withBasePath(`/sign-in?reason=session-ended&next=${encodeURIComponent(here)}`));
}

/** The JSON body (null for none); a non-2xx answer throws an ApiError with the API's `error`. */
async function jsonOrThrow(response: Response): Promise<unknown> {
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.status === 401) signInAgain();
  if (!response.ok) {
    const message = (body as { error?: string } | null)?.error ?? `${response.status} ${response.statusText}`;
    throw new ApiError(message, response.status);
  }
  return body;
}

/** GETs an app path (`/api/...`; the base path is added) and parses the answer with `schema`. */
export async function fetchJson<T>(path: string, schema: z.ZodType<T>): Promise<T> {
  return schema.parse(await jsonOrThrow(await fetch(withBasePath(path), { cache: 'no-store' })));
}

/** A POST (with a JSON body) or DELETE; resolves to the answer's JSON, null for 204. */
export async function sendJson(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(withBasePath(path), {
    method,
    cache: 'no-store',
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return jsonOrThrow(response);
}

/** True for the API's 404: the cluster, topic or group the page's URL names does not exist. */
export function isNotFound(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 404;
}

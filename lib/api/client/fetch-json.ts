/**
 * Fetches an API path and parses it with its schema, or sends a change to it;
 * errors carry the API's message.
 */
import type { z } from 'zod';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The JSON body (null for none); a non-2xx answer throws an ApiError with the API's `error`. */
async function jsonOrThrow(response: Response): Promise<unknown> {
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const message = (body as { error?: string } | null)?.error ?? `${response.status} ${response.statusText}`;
    throw new ApiError(message, response.status);
  }
  return body;
}

export async function fetchJson<T>(path: string, schema: z.ZodType<T>): Promise<T> {
  return schema.parse(await jsonOrThrow(await fetch(path, { cache: 'no-store' })));
}

/** A POST (with a JSON body) or DELETE; resolves to the answer's JSON, null for 204. */
export async function sendJson(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(path, {
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

/**
 * Errors the API maps to HTTP statuses, in one place (see respond()).
 */
export class NotFoundError extends Error {}
/** A query parameter is invalid (e.g. an unknown history range). */
export class BadRequestError extends Error {}
/** The cluster is configured but no collection has succeeded yet. */
export class NotReadyError extends Error {}

export function statusOf(error: unknown): number {
  if (error instanceof BadRequestError) return 400;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof NotReadyError) return 503;
  return 500;
}

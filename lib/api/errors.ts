/**
 * Errors the API maps to HTTP statuses, in one place (see respond()).
 */
export class NotFoundError extends Error {}
/** A query parameter or request body is invalid (e.g. an unknown history range). */
export class BadRequestError extends Error {}
/** The cluster is configured but no collection has succeeded yet. */
export class NotReadyError extends Error {}
/** The request is valid but cannot be done to this resource (e.g. expiring a config silence). */
export class ConflictError extends Error {}
/** A request body over the limit. */
export class PayloadTooLargeError extends Error {}
/** Nobody is signed in (or the session ended). */
export class UnauthorizedError extends Error {}
/** Signed in, without the role this needs. */
export class ForbiddenError extends Error {}
/** A body that is not JSON. */
export class UnsupportedMediaTypeError extends Error {}

export function statusOf(error: unknown): number {
  if (error instanceof BadRequestError) return 400;
  if (error instanceof UnauthorizedError) return 401;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof PayloadTooLargeError) return 413;
  if (error instanceof UnsupportedMediaTypeError) return 415;
  if (error instanceof NotReadyError) return 503;
  return 500;
}

/**
 * A write refused because this replica no longer holds the cluster's lease (another took
 * the cluster over): nothing was written, and nothing of that cycle may be sent either.
 */
export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}

/** Resolves true when `promise` settles within `ms` (Infinity: whenever it does), false once `ms` pass first. */
export function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const settled = promise.then(
    () => true,
    () => true,
  );
  if (ms === Infinity) return settled;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  return Promise.race([settled, late]).finally(() => clearTimeout(timer));
}

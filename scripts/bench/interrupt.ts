/**
 * Ctrl-C handling: the first one lets the current step finish and the bench topics and
 * groups be deleted; a second one quits at once.
 */
let interruptedAtMs: number | null = null;

/**
 * A terminal's Ctrl-C reaches every process of the foreground group, and npm and tsx pass
 * it on to this one as well: signals this soon after the first are that same Ctrl-C.
 * Taken for a second Ctrl-C, they made the bench quit without deleting anything.
 */
export const REPEAT_WINDOW_MS = 1_000;

/** Whether a signal at `nowMs` means "quit at once": a second Ctrl-C, not the first one delivered again. */
export function isSecondInterrupt(firstAtMs: number | null, nowMs: number): boolean {
  return firstAtMs !== null && nowMs - firstAtMs >= REPEAT_WINDOW_MS;
}

export function onInterrupt(): void {
  const now = Date.now();
  if (isSecondInterrupt(interruptedAtMs, now)) process.exit(130);
  if (interruptedAtMs !== null) return;
  interruptedAtMs = now;
  console.error('\nInterrupted: stopping after the current step and cleaning up (Ctrl-C again to quit now).');
}

export function wasInterrupted(): boolean {
  return interruptedAtMs !== null;
}

/** Called between steps: throws once Ctrl-C was pressed, so the run goes straight to cleanup. */
export function checkInterrupted(): void {
  if (interruptedAtMs !== null) throw new Error('interrupted');
}

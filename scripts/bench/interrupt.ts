/**
 * Ctrl-C handling: the first one lets the current step finish and the bench topics and
 * groups be deleted; a second one quits at once.
 */
let interrupted = false;

export function onInterrupt(): void {
  if (interrupted) process.exit(130);
  interrupted = true;
  console.error('\nInterrupted: stopping after the current step and cleaning up (Ctrl-C again to quit now).');
}

export function wasInterrupted(): boolean {
  return interrupted;
}

/** Called between steps: throws once Ctrl-C was pressed, so the run goes straight to cleanup. */
export function checkInterrupted(): void {
  if (interrupted) throw new Error('interrupted');
}

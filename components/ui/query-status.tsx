/** A query's first load, as a status line. */
export function QueryPending({ pending, text }: { pending: boolean; text: string }) {
  if (!pending) return null;
  return (
    <p className="muted" role="status">
      {text}
    </p>
  );
}

/**
 * A query's error: over data already shown, a refresh that failed (the page keeps the last
 * answer); without data, a first load that failed. `what` names the data, e.g. "topics".
 */
export function QueryError({ error, hasData, what }: { error: Error | null; hasData: boolean; what: string }) {
  if (!error) return null;
  return (
    <p className="banner banner-err" role="alert">
      {hasData ? 'Refreshing failed, showing the last answer: ' : `Could not load ${what}: `}
      {error.message}
    </p>
  );
}

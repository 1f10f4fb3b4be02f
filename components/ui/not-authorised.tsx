/**
 * A value Watermark's user may not read, where the value would be: "not authorised", with the
 * permission it needs on hover (a touch screen reads it in the notes below the table).
 */
export function NotAuthorised({ message, short = 'not authorised' }: { message: string; short?: string }) {
  return (
    <span className="muted not-authorised" title={message} data-not-authorised={message}>
      {short}
    </span>
  );
}

/** The permissions a page's data is missing, one sentence each; nothing when none is. */
export function NotAuthorisedNotes({ messages, label }: { messages: string[]; label: string }) {
  if (messages.length === 0) return null;
  return (
    <ul className="muted unavailable-features" aria-label={label} data-testid="not-authorised">
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}

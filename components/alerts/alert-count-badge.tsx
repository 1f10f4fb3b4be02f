/** A count of firing alerts next to a nav link: hidden at 0, "3 firing" for screen readers and on hover. */
export function AlertCountBadge({ firing }: { firing: number | undefined }) {
  if (!firing) return null;
  const label = `${firing} firing`;
  return (
    <span className="alert-count" title={label} data-testid="alert-count" data-firing={firing}>
      <span aria-hidden="true">{firing}</span>
      <span className="visually-hidden"> {label}</span>
    </span>
  );
}

/**
 * A windowed table's stand-in for the rows above or below the window: one empty row as tall
 * as they would be, so the scroll bar and scroll position match the whole list. Nothing when
 * no rows are left out on its side.
 */
export function SpacerRow({ heightPx, colSpan }: { heightPx: number; colSpan: number }) {
  if (heightPx <= 0) return null;
  return (
    <tr className="windowed-spacer" aria-hidden="true" style={{ height: heightPx }}>
      <td colSpan={colSpan} />
    </tr>
  );
}

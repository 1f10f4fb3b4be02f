import type { ReactNode } from 'react';

/**
 * The box a table scrolls sideways in when it is wider than the page (a phone): the page
 * itself never scrolls sideways, and the first column (the name) stays in place while the
 * numbers scroll under it (globals.css, "Phone widths").
 */
export function TableScroll({ children }: { children: ReactNode }) {
  return (
    <div className="table-scroll" data-testid="table-scroll">
      {children}
    </div>
  );
}

'use client';
import type { ReactNode } from 'react';
import { SpacerRow } from './spacer-row';
import { useRowWindow } from './use-row-window';

interface WindowedTableProps {
  /** The table's accessible name. */
  label: string;
  testId: string;
  className: string;
  /** Per column, its width in rem; undefined for the one that takes what is left. */
  columnWidthsRem: (number | undefined)[];
  /** Below this the table scrolls sideways in its box (a phone) rather than squeeze columns. */
  minWidth: string;
  count: number;
  /** A row's height until one has been rendered and measured (at the default font size). */
  estimatedRowPx: number;
  overscan: number;
  /** Changes with the search, sort or filter: the list then scrolls back to its top. */
  resetKey: string;
  /** The header row; it is row 1 of aria-rowcount. */
  header: ReactNode;
  /** Rows [start, end) of the list, each with data-index and aria-rowindex (index + 2). */
  renderRows: (start: number, end: number) => ReactNode;
}

/**
 * A table of equal-height rows whose body is windowed: only the rows in view (and a few
 * around) are in the DOM, spacer rows stand in for the rest, and the arrow keys move between
 * rows. It scrolls both ways in its own box, under a sticky header, beside a sticky first
 * column (globals.css, .windowed-*); fixed column widths keep it from shifting as rows change.
 */
export function WindowedTable(props: WindowedTableProps) {
  const { count, columnWidthsRem, renderRows } = props;
  const { start, end, rowPx, scrollRef, headerRef, bodyRef, onScroll, onKeyDown } = useRowWindow({
    count,
    estimatedRowPx: props.estimatedRowPx,
    overscan: props.overscan,
    resetKey: props.resetKey,
  });
  const columns = columnWidthsRem.length;
  return (
    <div className="windowed-scroll" ref={scrollRef} onScroll={onScroll} data-testid={props.testId}>
      <table
        aria-label={props.label}
        aria-rowcount={count + 1}
        className={`${props.className} windowed-table`}
        style={{ minWidth: props.minWidth }}
      >
        <colgroup>
          {columnWidthsRem.map((widthRem, i) => (
            <col key={i} style={widthRem ? { width: `${widthRem}rem` } : undefined} />
          ))}
        </colgroup>
        <thead ref={headerRef}>{props.header}</thead>
        <tbody ref={bodyRef} onKeyDown={onKeyDown}>
          <SpacerRow heightPx={start * rowPx} colSpan={columns} />
          {renderRows(start, end)}
          <SpacerRow heightPx={(count - end) * rowPx} colSpan={columns} />
        </tbody>
      </table>
    </div>
  );
}

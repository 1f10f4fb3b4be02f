import { splitLag } from '@/lib/analysis/lag';
import { atLeast, formatCount } from '@/lib/format/format-number';
import { lagSplitTitle } from './lag-split-title';

interface LagSplitProps {
  lag: number | null;
  /** Messages retention deleted before the group read them; they are counted in `lag`. */
  lostMessages: number;
  lowerBound?: boolean;
  /** Hover text for a lag without loss (the exact count, and why it is a lower bound). */
  title?: string;
  /** "8k readable + 4.3k lost" (headline) instead of "8k + 4.3k lost" (table cells). */
  words?: boolean;
}

/**
 * A lag, split into readable and lost when retention deleted part of it: a lag counted from
 * a committed offset before the log start is not all there to be read.
 */
export function LagSplit({ lag, lostMessages, lowerBound = false, title, words = false }: LagSplitProps) {
  if (lag === null || lostMessages <= 0) return <span title={title}>{atLeast(formatCount(lag), lowerBound)}</span>;
  const { readable, lost } = splitLag(lag, lostMessages);
  return (
    <span
      title={lagSplitTitle(lag, lostMessages)}
      data-testid="lag-split"
      data-readable={readable ?? ''}
      data-lost={lost}
    >
      {atLeast(formatCount(readable), lowerBound)}
      {words ? ' readable' : ''} <span className="lag-lost">+ {formatCount(lost)} lost</span>
    </span>
  );
}

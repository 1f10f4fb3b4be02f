import { splitLag } from '@/lib/analysis/lag';
import { formatExact } from '@/lib/format/format-number';

/** The hover text of a lag that includes messages retention deleted: the whole, then the two parts. */
export function lagSplitTitle(lag: number, lostMessages: number): string {
  const { readable, lost } = splitLag(lag, lostMessages);
  return `${formatExact(lag)} behind the end of the log: ${formatExact(readable)} still readable, ${formatExact(lost)} deleted by retention before being read`;
}

import { Fragment } from 'react';
import { nameSegments } from '@/lib/format/name-segments';

/**
 * A topic, group or client name that wraps only after its separators (a <wbr> after each
 * . - _ run), so a narrow column never splits a word; the text itself is unchanged.
 */
export function BreakableName({ name }: { name: string }) {
  const segments = nameSegments(name);
  if (segments.length === 1) return name;
  return segments.map((segment, i) => (
    <Fragment key={i}>
      {i > 0 ? <wbr /> : null}
      {segment}
    </Fragment>
  ));
}

/**
 * What a consumer sits on, in words: the summary the record API returns and the stuck
 * record panel shows. Offsets are exact (formatExact); nothing here reads a preview.
 */
import type { RecordResponse } from '../api/record-schemas';
import { formatDuration } from './format-duration';
import { formatBytes, formatExact } from './format-number';

type SummaryInput = Pick<
  RecordResponse,
  | 'outcome'
  | 'committedOffset'
  | 'record'
  | 'markers'
  | 'removedOffsets'
  | 'openTransaction'
  | 'logStartOffset'
  | 'highWatermark'
  | 'lastStableOffset'
  | 'error'
  | 'leader'
  | 'readAt'
>;

const plural = (count: number, one: string, many = `${one}s`) => `${formatExact(count)} ${count === 1 ? one : many}`;

function markerText(markers: RecordResponse['markers']): string {
  if (markers.length === 1) {
    const [m] = markers;
    return `a transaction marker (${m.type} of producer ${m.producerId}) at offset ${formatExact(m.offset)}`;
  }
  const types = [...new Set(markers.map((m) => m.type))].join(' and ');
  return `${plural(markers.length, 'transaction marker')} (${types}) from offset ${formatExact(markers[0].offset)}`;
}

/** The record's shape in a few words: "value 2 KiB, key 12 B, 2 headers". */
export function recordShape(record: NonNullable<RecordResponse['record']>): string {
  const value = record.valueBytes === null ? 'no value (a tombstone)' : `value ${formatBytes(record.valueBytes)}`;
  const key = record.keyBytes === null ? 'no key' : `key ${formatBytes(record.keyBytes)}`;
  const headers = record.headers.length === 0 ? 'no headers' : plural(record.headers.length, 'header');
  return `${value}, ${key}, ${headers}`;
}

export function recordSummary(input: SummaryInput): string {
  const at = formatExact(input.committedOffset);
  switch (input.outcome) {
    case 'gone': {
      const start = input.logStartOffset === null ? '' : `: the log now starts at ${formatExact(input.logStartOffset)}`;
      return (
        `Offset ${at} is gone${start} (deleted by retention or delete-records). ` +
        'The consumer cannot read it; it restarts where its auto.offset.reset says (earliest or latest).'
      );
    }
    case 'ahead': {
      const end = input.highWatermark === null ? '' : ` (${formatExact(input.highWatermark)})`;
      return (
        `Offset ${at} is past the end of the partition${end}: nothing was ever written there. ` +
        'The group committed beyond the log (an offset reset, or the topic deleted and created again); ' +
        'its consumer restarts where its auto.offset.reset says.'
      );
    }
    case 'end':
      return `Nothing at offset ${at} yet: the group has read everything up to the end of the partition.`;
    case 'markers-only': {
      const end = input.highWatermark === null ? '' : ` (${formatExact(input.highWatermark)})`;
      return (
        `From offset ${at} to the end${end} there ${input.markers.length === 1 ? 'is' : 'are'} only ${markerText(input.markers)}: no message to consume. ` +
        'The lag here counts markers, not messages.'
      );
    }
    case 'not-authorised':
      return `Cannot read offset ${at}: ${input.error ?? 'not authorised'}.`;
    case 'error':
      return `Could not read offset ${at}${input.leader === null ? '' : ` from broker ${input.leader}`}: ${input.error ?? 'no answer'}.`;
    case 'record': {
      const record = input.record!;
      const written =
        record.timestampMs === null || record.timestampMs > input.readAt
          ? ''
          : `, written ${formatDuration((input.readAt - record.timestampMs) / 1000)} ago`;
      const next = `${formatExact(record.offset)}${written}`;
      const parts: string[] = [];
      if (record.offset === input.committedOffset) {
        parts.push(`The next record is offset ${next}: ${recordShape(record)}.`);
      } else {
        const passed: string[] = [];
        if (input.markers.length > 0) passed.push(markerText(input.markers));
        if (input.removedOffsets > 0) passed.push(`${plural(input.removedOffsets, 'offset')} removed by compaction`);
        parts.push(
          `Offset ${at} holds no record to consume (${passed.join(', then ')}): the next record is offset ${next}: ${recordShape(record)}.`,
        );
      }
      if (input.openTransaction) {
        const lso =
          input.lastStableOffset === null ? '' : ` (last stable offset ${formatExact(input.lastStableOffset)})`;
        parts.push(
          `It is in a transaction not yet committed or aborted${lso}: a read_committed consumer waits here until producer ${record.batch.producerId} ends it.`,
        );
      }
      return parts.join(' ');
    }
  }
}

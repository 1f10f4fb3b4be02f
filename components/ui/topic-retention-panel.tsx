import type { TopicResponse } from '@/lib/api/schemas';
import { formatPercent } from '@/lib/format/format-number';
import { NotAuthorised } from './not-authorised';
import { SEGMENT_RETENTION_NOTE, topicRetention, type RetentionLine } from './topic-retention';

interface GaugeProps {
  label: string;
  measure: string;
  limitName: string;
  line: RetentionLine;
}

function Gauge({ label, measure, limitName, line }: GaugeProps) {
  if (line.kind === 'none') {
    return (
      <div className="topic-gauge" data-testid={`retention-${label}`}>
        <h3>{label}</h3>
        <p className="muted">{line.text}</p>
      </div>
    );
  }
  const width = line.fraction === null ? 0 : Math.min(1, line.fraction) * 100;
  return (
    <div className="topic-gauge" data-testid={`retention-${label}`} data-fraction={line.fraction ?? ''}>
      <h3>{label}</h3>
      <p className="topic-gauge-line">
        <span>
          {measure}{' '}
          <strong>{line.usedError ? <NotAuthorised message={line.usedError} /> : (line.used ?? 'unknown')}</strong> of{' '}
          <strong>{line.limit}</strong> ({limitName})
        </span>
        {line.fraction === null ? null : (
          <strong className={`topic-gauge-percent topics-usage-${line.tone}`}>{formatPercent(line.fraction)}</strong>
        )}
      </p>
      <div
        className={`topic-gauge-bar topics-usage-${line.tone ?? 'none'}`}
        role="meter"
        aria-label={`${label} retention used`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(width)}
        aria-valuetext={line.fraction === null ? 'unknown' : formatPercent(line.fraction)}
      >
        <span style={{ width: `${width}%` }} />
      </div>
      {line.usedError ? <p className="muted">{line.usedError}</p> : null}
    </div>
  );
}

type RetentionInput = Pick<
  TopicResponse,
  | 'configs'
  | 'configsError'
  | 'oldestMessageAgeSeconds'
  | 'oldestMessageAgeError'
  | 'sizeError'
  | 'retentionUsage'
  | 'partitions'
>;

/**
 * How close retention is to deleting: the oldest message's age against retention.ms and the
 * largest partition against retention.bytes (a per-partition limit), or why neither applies.
 */
export function TopicRetentionPanel({ topic }: { topic: RetentionInput }) {
  const retention = topicRetention(topic);
  return (
    <div className="topic-retention">
      <Gauge label="Time" measure="oldest message" limitName="retention.ms" line={retention.time} />
      <Gauge label="Size" measure="largest partition" limitName="retention.bytes" line={retention.size} />
      {retention.compactionOnly ? null : <p className="muted topic-retention-note">{SEGMENT_RETENTION_NOTE}</p>}
    </div>
  );
}

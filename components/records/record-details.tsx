/**
 * What the record API said about the record at a committed offset: the summary sentence,
 * the record's metadata as kafka-dump-log would print it, and the preview when the
 * cluster allows one and the asker may see it.
 */
import type { RecordResponse } from '@/lib/api/record-schemas';
import { formatBytes, formatExact } from '@/lib/format/format-number';
import { formatTimestamp } from '@/lib/format/format-timestamp';

type BytesPreview = NonNullable<RecordResponse['preview']['value']>;

const TONE: Record<RecordResponse['outcome'], string> = {
  record: '',
  end: '',
  'markers-only': '',
  gone: 'banner-err',
  ahead: 'banner-err',
  'not-authorised': 'banner-warn',
  error: 'banner-err',
};

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="record-fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function RecordFacts({ record, zone }: { record: NonNullable<RecordResponse['record']>; zone?: string }) {
  const { batch } = record;
  return (
    <dl className="record-facts" data-testid="record-facts">
      <Fact term="Offset">{formatExact(record.offset)}</Fact>
      <Fact term="Timestamp">
        {record.timestampMs === null ? 'none' : formatTimestamp(record.timestampMs, zone)}{' '}
        <span className="muted">({record.timestampType})</span>
      </Fact>
      <Fact term="Key">
        {record.keyBytes === null ? (
          'none'
        ) : (
          <>
            {formatBytes(record.keyBytes)} <span className="muted">fingerprint</span>{' '}
            <code title="first 8 hex digits of the key's SHA-256">{record.keyFingerprint}</code>
          </>
        )}
      </Fact>
      <Fact term="Value">{record.valueBytes === null ? 'none (a tombstone)' : formatBytes(record.valueBytes)}</Fact>
      <Fact term="Headers">
        {record.headers.length === 0
          ? 'none'
          : record.headers.map((h, i) => (
              <span key={`${h.name}-${i}`}>
                {i > 0 ? ', ' : ''}
                <code>{h.name}</code>
              </span>
            ))}
      </Fact>
      <Fact term="Compression">{record.compression}</Fact>
      <Fact term="Transactional">{record.transactional ? 'yes' : 'no'}</Fact>
      <Fact term="Batch">
        offsets {formatExact(batch.baseOffset)}–{formatExact(batch.lastOffset)}, record {formatExact(batch.index + 1)}{' '}
        of {formatExact(batch.recordCount)}, {formatBytes(batch.sizeBytes)}
      </Fact>
      <Fact term="Producer">
        {batch.producerId < 0
          ? 'none (not idempotent)'
          : `id ${batch.producerId}, epoch ${batch.producerEpoch}, sequence ${record.sequence}`}
      </Fact>
    </dl>
  );
}

function PreviewBlock({ label, preview }: { label: string; preview: BytesPreview | null }) {
  if (preview === null) return <p className="muted">{label}: none</p>;
  const notes = [
    preview.encoding,
    preview.truncated ? `first part of ${formatBytes(preview.totalBytes)}` : formatBytes(preview.totalBytes),
    preview.redactions > 0 ? `${preview.redactions} redacted` : null,
  ].filter(Boolean);
  return (
    <figure className="record-preview">
      <figcaption>
        {label} <span className="muted">({notes.join(', ')})</span>
      </figcaption>
      <pre data-testid={`record-preview-${label.toLowerCase()}`}>{preview.text}</pre>
    </figure>
  );
}

function Preview({ preview }: { preview: RecordResponse['preview'] }) {
  if (preview.status === 'off') {
    return (
      <p className="muted" data-testid="record-preview-off">
        Key and value are not shown: previews are off for this cluster (recordPreview in its config).
      </p>
    );
  }
  if (preview.status === 'not-permitted') {
    return (
      <p className="muted" data-testid="record-preview-off">
        Key and value previews need the {preview.role} role on this cluster.
      </p>
    );
  }
  return (
    <div className="record-previews">
      <PreviewBlock label="Key" preview={preview.key} />
      <PreviewBlock label="Value" preview={preview.value} />
    </div>
  );
}

export function RecordDetails({ answer, zone }: { answer: RecordResponse; zone?: string }) {
  const offsets = [
    answer.logStartOffset === null ? null : `log start ${formatExact(answer.logStartOffset)}`,
    answer.lastStableOffset === null || answer.lastStableOffset === answer.highWatermark
      ? null
      : `last stable ${formatExact(answer.lastStableOffset)}`,
    answer.highWatermark === null ? null : `end ${formatExact(answer.highWatermark)}`,
  ].filter(Boolean);
  return (
    <div className="record-details" data-testid="record-details" data-outcome={answer.outcome}>
      <p className={`banner record-summary ${TONE[answer.outcome]}`} data-testid="record-summary">
        {answer.summary}
      </p>
      {answer.record ? <RecordFacts record={answer.record} zone={zone} /> : null}
      {answer.record ? <Preview preview={answer.preview} /> : null}
      <p className="muted record-read-at">
        Committed offset {formatExact(answer.committedOffset)}
        {offsets.length > 0 ? ` (${offsets.join(', ')})` : ''}; read from{' '}
        {answer.leader === null ? 'no leader' : `broker ${answer.leader}`} at {formatTimestamp(answer.readAt, zone)}.
      </p>
    </div>
  );
}

'use client';
import type { EndedSilenceView, SilenceView } from '@/lib/api/alert-schemas';
import { useExpireSilence } from '@/lib/api/client/hooks';
import { silenceMatchParts, silenceMatchText } from './alert-text';
import { RelativeTime } from './relative-time';
import { TableScroll } from '@/components/tables/table-scroll';

/** The match, comment and maker cells, shared by silences in effect and ended ones. */
function SilenceCells({ silence }: { silence: SilenceView }) {
  return (
    <>
      <td>
        <ul className="silence-match">
          {silenceMatchParts(silence.match).map((p) => (
            <li key={p.field}>
              <span className="muted">{p.field}</span> <code>{p.pattern}</code>
            </li>
          ))}
        </ul>
      </td>
      <td>{silence.comment || <span className="muted">–</span>}</td>
      <td data-testid="silence-created-by">
        {silence.source === 'config' ? (
          <span className="muted">config file</span>
        ) : (
          (silence.createdBy ?? <span className="muted">not recorded</span>)
        )}
      </td>
    </>
  );
}

function SilenceRow({ silence, canExpire }: { silence: SilenceView; canExpire: boolean }) {
  const expire = useExpireSilence(silence.cluster);
  return (
    <tr data-testid="silence-row" data-silence-id={silence.id} data-source={silence.source}>
      <SilenceCells silence={silence} />
      <td>
        {silence.endsAt === null ? (
          <span className="muted">when removed from the config</span>
        ) : (
          <RelativeTime at={silence.endsAt} label="ends" />
        )}
      </td>
      <td>
        {silence.source === 'config' ? (
          <span className="muted">from the config file</span>
        ) : !canExpire ? (
          <span className="muted">operators may end it</span>
        ) : (
          <button
            type="button"
            className="alert-button"
            disabled={expire.isPending}
            aria-label={`Expire silence ${silenceMatchText(silence.match)}`}
            onClick={() => expire.mutate(silence.id)}
          >
            {expire.isPending ? 'Expiring…' : 'Expire'}
          </button>
        )}
        {expire.error ? (
          <p className="error" role="alert">
            {expire.error.message}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

/**
 * The silences in effect and who made them; those from the config file can only be removed
 * there, the others by an operator of their cluster (`canExpire`).
 */
export function SilenceTable({
  silences,
  canExpire,
}: {
  silences: SilenceView[];
  canExpire: (clusterId: string) => boolean;
}) {
  if (silences.length === 0) return <p className="alerts-empty">No silences in effect.</p>;
  return (
    <TableScroll>
      <table className="silence-table" aria-label="Silences">
        <thead>
          <tr>
            <th>Matches</th>
            <th>Comment</th>
            <th>Made by</th>
            <th>Ends</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {silences.map((silence) => (
            <SilenceRow key={silence.id} silence={silence} canExpire={canExpire(silence.cluster)} />
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Silences that ended lately: who ended one early, or that it ran out. */
export function EndedSilenceTable({ silences }: { silences: EndedSilenceView[] }) {
  if (silences.length === 0) return <p className="alerts-empty">No silence ended in the last 24 hours.</p>;
  return (
    <TableScroll>
      <table className="silence-table" aria-label="Silences ended in the last 24 hours">
        <thead>
          <tr>
            <th>Matches</th>
            <th>Comment</th>
            <th>Made by</th>
            <th>Ended</th>
          </tr>
        </thead>
        <tbody>
          {silences.map((silence) => (
            <tr key={silence.id} data-testid="ended-silence-row" data-silence-id={silence.id}>
              <SilenceCells silence={silence} />
              <td data-testid="silence-ended-by">
                <RelativeTime at={silence.endsAt!} label={silence.endedBy === null ? 'ran out' : 'ended'} />
                {silence.endedBy === null ? null : <> by {silence.endedBy}</>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

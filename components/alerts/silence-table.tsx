'use client';
import type { SilenceView } from '@/lib/api/alert-schemas';
import { useExpireSilence } from '@/lib/api/client/hooks';
import { silenceMatchParts, silenceMatchText } from './alert-text';
import { RelativeTime } from './relative-time';
import { TableScroll } from '@/components/tables/table-scroll';

function SilenceRow({ silence, canExpire }: { silence: SilenceView; canExpire: boolean }) {
  const expire = useExpireSilence(silence.cluster);
  return (
    <tr data-testid="silence-row" data-silence-id={silence.id} data-source={silence.source}>
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

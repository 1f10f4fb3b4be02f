import type { ConfigSource, TopicConfigEntry } from '@/lib/api/schemas';
import {
  CONFIG_SOURCE_COMMAND,
  CONFIG_SOURCE_LABEL,
  CONFIG_SOURCE_MEANING,
  configValueReading,
} from '@/lib/format/config-wording';

/** The legend's order: from the most specific setting to Kafka's own default. */
const SOURCE_ORDER = Object.keys(CONFIG_SOURCE_LABEL) as ConfigSource[];

function ConfigValue({ name, value, sensitive }: { name: string; value: string | null; sensitive: boolean }) {
  if (sensitive) return <span className="muted">hidden (sensitive)</span>;
  if (value === null) return <span className="muted">none</span>;
  if (value === '') return <span className="muted">empty</span>;
  const reading = configValueReading(name, value);
  return (
    <>
      <code className="config-value">{value}</code>
      {reading ? <span className="muted config-reading"> ({reading})</span> : null}
    </>
  );
}

/** A command line that wraps only between its words (an option is never cut after its dashes). */
function CommandWords({ words }: { words: string[] | undefined }) {
  if (!words) return null;
  return (
    <span className="config-command">
      {words.map((word) => (
        <code key={word}>{word}</code>
      ))}
    </span>
  );
}

/** What an override replaces: the topic config's own value, or the broker synonym Kafka named. */
function ReplacedValue({ entry }: { entry: TopicConfigEntry }) {
  if (!entry.override) return null;
  const replaced = entry.default;
  if (!replaced) return <span className="muted">not reported by Kafka</span>;
  return (
    <>
      {replaced.name !== entry.name ? <code className="config-value">{replaced.name}=</code> : null}
      <ConfigValue name={replaced.name} value={replaced.value} sensitive={entry.sensitive} />
      <span className="muted"> · {CONFIG_SOURCE_LABEL[replaced.source]}</span>
    </>
  );
}

/**
 * Every config of a topic, as DescribeConfigs reports it: the overrides set on this topic
 * first and highlighted, each with the value it replaces; then every inherited value with
 * where it comes from. A legend says what each source shown means.
 */
export function TopicConfigTable({ entries }: { entries: TopicConfigEntry[] }) {
  if (entries.length === 0) return <p className="muted">No configuration was read for this topic.</p>;
  const overrides = entries.filter((e) => e.override).length;
  const shown = new Set(entries.flatMap((e) => [e.source, ...(e.default ? [e.default.source] : [])]));
  return (
    <>
      <p className="muted config-summary" data-testid="config-summary">
        {overrides === 0
          ? `All ${entries.length} settings are inherited: none is set on this topic.`
          : `${overrides} of ${entries.length} settings ${overrides === 1 ? 'is' : 'are'} set on this topic (first, highlighted); the others are inherited.`}
      </p>
      <div className="config-scroll">
        <table className="config-table" aria-label="Topic configuration">
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col">Value</th>
              <th scope="col">Source</th>
              <th scope="col">Without the override</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr
                key={entry.name}
                className={entry.override ? 'config-override' : undefined}
                data-source={entry.source}
              >
                <th scope="row">
                  <code>{entry.name}</code>
                </th>
                <td data-label="Value">
                  <ConfigValue name={entry.name} value={entry.value} sensitive={entry.sensitive} />
                </td>
                <td data-label="Source">
                  {entry.override ? (
                    <span className="badge badge-info">{CONFIG_SOURCE_LABEL[entry.source]}</span>
                  ) : (
                    CONFIG_SOURCE_LABEL[entry.source]
                  )}
                </td>
                <td data-label="Without the override" className={entry.override ? undefined : 'config-no-override'}>
                  <ReplacedValue entry={entry} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="config-legend" aria-label="Sources">
        {SOURCE_ORDER.filter((s) => shown.has(s)).map((source) => (
          <div key={source}>
            <dt>{CONFIG_SOURCE_LABEL[source]}</dt>
            <dd>
              {CONFIG_SOURCE_MEANING[source]} <span className="muted">({source})</span>
              <CommandWords words={CONFIG_SOURCE_COMMAND[source]} />
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}

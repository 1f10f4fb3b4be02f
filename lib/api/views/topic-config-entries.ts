/**
 * A topic's configuration for its page: every entry with its source, overrides first.
 */
import type { TopicConfig } from '../../kafka/types';
import type { TopicConfigEntry } from '../schemas';

/** Overrides first, then every other entry; by name within each. Empty when the configs were not read. */
export function topicConfigEntries(config: TopicConfig | undefined): TopicConfigEntry[] {
  if (!config) return [];
  const sensitive = new Set(config.sensitive);
  return Object.entries(config.configs)
    .map(([name, value]) => {
      const source = config.sources[name] ?? 'UNKNOWN';
      return {
        name,
        value,
        source,
        sensitive: sensitive.has(name),
        override: source === 'DYNAMIC_TOPIC_CONFIG',
        default: config.defaults[name] ?? null,
      };
    })
    .sort((a, b) => Number(b.override) - Number(a.override) || a.name.localeCompare(b.name));
}

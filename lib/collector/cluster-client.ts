/**
 * The Kafka client of one configured cluster, following its secrets and certificates:
 * the settings are read again after a refused sign-in or TLS handshake (and once a
 * minute), and new connections use them when they changed. Settings that changed but
 * cannot be used (a half-written certificate, say) are logged once and the last good
 * ones kept.
 */
import type { ConnectionSettings } from '../config/connection-settings';
import { createKafkaClient, type KafkaClient } from '../kafka/kafka-client';
import type { Logger } from '../log/logger';

export function createClusterClient(clusterId: string, settings: ConnectionSettings, log: Logger): KafkaClient {
  let lastProblem: string | null = null;
  return createKafkaClient(settings.current(), () => {
    const { changed, error } = settings.reload();
    const problem = error?.message ?? null;
    if (problem !== null && problem !== lastProblem) {
      log.warn(
        { cluster: clusterId, error: problem },
        `cluster ${clusterId}: new connection settings not used: ${problem}`,
      );
    }
    lastProblem = problem;
    if (changed)
      log.info({ cluster: clusterId }, `cluster ${clusterId}: connection settings changed on disk: reconnecting`);
    return changed ? settings.current() : null;
  });
}

/**
 * Watermark's config, as a user writes it, against the local cluster's secured listeners:
 * mutual TLS with the client key encrypted, and SASL_SSL with SCRAM users. Each cycle
 * goes through the same client and collect cycle the server runs.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectCycle } from '@/lib/collector/collect-cycle';
import type { ClusterSnapshot } from '@/lib/collector/snapshot';
import { ConnectionSettings } from '@/lib/config/connection-settings';
import type { ResolvedConnection } from '@/lib/config/connection-options';
import { parseConfigText } from '@/lib/config/load-config';
import { createKafkaClient } from '@/lib/kafka/kafka-client';
import { testKafka, uniqueName } from '../helpers/local-cluster';
import {
  grant,
  minimalPermissions,
  MTLS_BROKERS,
  SASL_SSL_BROKERS,
  setScramPassword,
  tlsFiles,
  type ScramMechanism,
} from '../helpers/secured-cluster';
import { withTempDir } from '../helpers/temp-dir';

const { write, pathOf } = withTempDir('watermark-secured');
const topic = uniqueName('secured');

/** The settings of the one cluster in a YAML config file written to the temp folder. */
function settingsFrom(yaml: string, env: Record<string, string> = {}): ConnectionSettings {
  const configFile = write(`${uniqueName('watermark')}.yaml`, yaml);
  const config = parseConfigText(yaml, configFile);
  return new ConnectionSettings(config.clusters[0], { ...env, WATERMARK_CONFIG: configFile });
}

async function collectOnce(connection: ResolvedConnection): Promise<ClusterSnapshot> {
  const client = createKafkaClient(connection);
  try {
    return await collectCycle(client, null);
  } finally {
    await client.close();
  }
}

/** What the snapshot says of our topic and the brokers, to compare with what Kafka's admin client reports. */
function seen(snapshot: ClusterSnapshot) {
  return {
    brokers: snapshot.brokers.map((b) => b.id).sort(),
    partitions: snapshot.topics.find((t) => t.name === topic)?.partitions.length,
  };
}

beforeAll(async () => {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 2 }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
});

afterAll(async () => {
  const admin = testKafka().admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [topic] }).finally(() => admin.disconnect());
});

describe('a cluster behind mutual TLS', () => {
  it('is collected with caFile, certFile, keyFile and an encrypted key’s keyPassword from a file', async () => {
    const settings = settingsFrom(
      [
        'clusters:',
        '  - id: mtls',
        `    brokers: [${MTLS_BROKERS.join(', ')}]`,
        '    tls:',
        `      caFile: ${tlsFiles.ca}`,
        `      certFile: ${tlsFiles.clientCert}`,
        `      keyFile: ${tlsFiles.clientKey}`,
        `      keyPassword: { file: ${tlsFiles.clientKeyPassword} }`,
      ].join('\n'),
    );
    const snapshot = await collectOnce(settings.current());
    expect(snapshot.failures).toEqual([]);
    expect(seen(snapshot)).toEqual({ brokers: [1, 2, 3], partitions: 3 });
    expect(snapshot.brokers.map((b) => `${b.host}:${b.port}`).sort()).toEqual(MTLS_BROKERS);
  });

  it('checks the broker certificate against servername instead of the address', async () => {
    // The brokers' certificate names 127.0.0.1 and localhost, nothing else.
    const config = (servername: string) =>
      [
        'clusters:',
        '  - id: mtls',
        `    brokers: [${MTLS_BROKERS[0]}]`,
        '    tls:',
        `      caFile: ${tlsFiles.ca}`,
        `      certFile: ${tlsFiles.clientCert}`,
        `      keyFile: ${tlsFiles.clientKey}`,
        `      keyPassword: { file: ${tlsFiles.clientKeyPassword} }`,
        `      servername: ${servername}`,
      ].join('\n');
    expect(seen(await collectOnce(settingsFrom(config('localhost')).current())).partitions).toBe(3);
    await expect(collectOnce(settingsFrom(config('kafka.example.com')).current())).rejects.toThrow(
      /kafka\.example\.com/,
    );
  });
});

describe('a cluster behind SASL_SSL', () => {
  async function scramUser(mechanism: ScramMechanism): Promise<{ user: string; password: string }> {
    const user = uniqueName('watermark');
    const password = `pw-${uniqueName('secret')}`;
    await setScramPassword(user, password, mechanism);
    await grant(`User:${user}`, minimalPermissions());
    return { user, password };
  }

  function saslConfig(mechanism: ScramMechanism, user: string, password: string): string {
    return [
      'clusters:',
      '  - id: sasl',
      `    brokers: [${SASL_SSL_BROKERS.join(', ')}]`,
      `    tls: { caFile: ${tlsFiles.ca} }`,
      `    sasl: { mechanism: ${mechanism}, username: ${user}, password: ${password} }`,
    ].join('\n');
  }

  it.each(['SCRAM-SHA-256', 'SCRAM-SHA-512'] as const)(
    'is collected with %s and the password from an environment variable',
    async (mechanism) => {
      const { user, password } = await scramUser(mechanism);
      const settings = settingsFrom(saslConfig(mechanism, user, '{ env: KAFKA_PASSWORD }'), {
        KAFKA_PASSWORD: `${password}\n`,
      });
      const snapshot = await collectOnce(settings.current());
      expect(snapshot.failures).toEqual([]);
      expect(seen(snapshot)).toEqual({ brokers: [1, 2, 3], partitions: 3 });
    },
  );

  it('follows a password rotated in its file once reloaded', async () => {
    const { user, password } = await scramUser('SCRAM-SHA-512');
    const passwordFile = pathOf('rotated-password');
    fs.writeFileSync(passwordFile, `${password}\n`);
    const settings = settingsFrom(saslConfig('SCRAM-SHA-512', user, `{ file: ${passwordFile} }`));
    expect(seen(await collectOnce(settings.current())).partitions).toBe(3);

    const rotated = `${password}-rotated`;
    await setScramPassword(user, rotated, 'SCRAM-SHA-512');
    await expect(collectOnce(settings.current())).rejects.toThrow();
    fs.writeFileSync(passwordFile, `${rotated}\n`);
    expect(settings.reload()).toEqual({ changed: true });
    expect(seen(await collectOnce(settings.current())).partitions).toBe(3);
  });
});

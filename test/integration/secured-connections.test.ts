/**
 * The local cluster's secured listeners, connected to with settings users get wrong:
 * each failure is reported with its kind (the cluster status and banner) and a sentence
 * that says what to check, and a password rotated on disk is picked up without a restart.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clusterUnreachableCondition } from '@/lib/alerts/cluster-rules';
import { clusterAlertSettings } from '@/lib/alerts/alert-settings';
import { clusterSummary } from '@/lib/api/views/cluster-views';
import { createClusterClient } from '@/lib/collector/cluster-client';
import type { ClusterLoop } from '@/lib/collector/cluster-loop';
import { startClusterPipeline } from '@/lib/collector/cluster-pipeline';
import { ClusterStateStore } from '@/lib/collector/state-store';
import { ConnectionSettings } from '@/lib/config/connection-settings';
import { WatermarkConfig } from '@/lib/config/schema';
import { headlineOf } from '@/lib/format/connection-failure-wording';
import type { ConnectionFailureKind } from '@/lib/kafka/connection-failure';
import { BrokerConnections } from '@/lib/kafka/connection';
import { captureLog } from '../helpers/log-capture';
import { LOCAL_BROKERS, uniqueName } from '../helpers/local-cluster';
import {
  grant,
  minimalPermissions,
  MTLS_BROKERS,
  SASL_SSL_BROKERS,
  setScramPassword,
  tlsFiles,
} from '../helpers/secured-cluster';
import { withTempDir } from '../helpers/temp-dir';

const POLL_MS = 1000;

describe('connecting to secured listeners', { timeout: 120_000 }, () => {
  const temp = withTempDir('watermark-secured');
  const user = uniqueName('watermark');
  let passwordFile = '';
  const loops: ClusterLoop[] = [];

  beforeAll(async () => {
    await setScramPassword(user, 'first-password');
    await grant(`User:${user}`, minimalPermissions({ read: true }));
    passwordFile = temp.write('kafka-password', 'first-password\n');
  });

  afterEach(async () => {
    await Promise.all(loops.splice(0).map((loop) => loop.stop()));
  });

  /** A config as a user writes it, through the real config parsing and secret reading. */
  function settingsOf(cluster: Record<string, unknown>): { config: WatermarkConfig; settings: ConnectionSettings } {
    const config = WatermarkConfig.parse({
      clusters: [{ id: 'secured', requestTimeoutMs: 3000, pollIntervalMs: POLL_MS, ...cluster }],
    });
    return { config, settings: new ConnectionSettings(config.clusters[0], {}) };
  }

  /** Starts the loop as the server does (re-reading settings after a refused sign-in) and runs one cycle. */
  async function start(cluster: Record<string, unknown>) {
    const { config, settings } = settingsOf(cluster);
    const store = new ClusterStateStore();
    store.register('secured', 'secured', POLL_MS);
    const captured = captureLog();
    const client = createClusterClient('secured', settings, captured.logger);
    const loop = startClusterPipeline({
      cluster: config.clusters[0],
      client,
      store,
      history: null,
      log: captured.logger,
    });
    loops.push(loop);
    await loop.nextCycle();
    const summary = () => clusterSummary(store.get('secured')!);
    const alert = () =>
      clusterUnreachableCondition(
        store.get('secured')!,
        clusterAlertSettings(config, config.clusters[0], Date.now()).policy,
        Date.now(),
      );
    return { loop, client, summary, alert, captured };
  }

  /**
   * What the user sees of a connection that failed with `kind`: the API's error and cause, the
   * cluster alert worded by the cause (never blaming the network unless it is the network), and
   * one error line in the log with both, however many cycles the failure lasts.
   */
  async function expectReported(started: Awaited<ReturnType<typeof start>>, kind: string, message: RegExp) {
    const { loop, summary, alert, captured } = started;
    expect(summary()).toMatchObject({ status: 'unreachable', errorKind: kind, collectedAt: null });
    expect(summary().error).toMatch(/^no broker answered a metadata request: /);
    expect(summary().error).toMatch(message);
    const headline = headlineOf(kind as ConnectionFailureKind);
    expect(alert()?.message.startsWith(`${headline} (cluster secured): ${summary().error}`)).toBe(true);
    if (kind !== 'unreachable') expect(alert()?.message).not.toMatch(/network/);
    await loop.nextCycle();
    const lines = captured.records().filter((r) => r.level === 'error');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ cluster: 'secured', errorKind: kind, error: summary().error });
    expect(lines[0].msg).toBe(`cluster secured: ${headline}: ${summary().error}`);
  }

  const ca = () => ({ caFile: tlsFiles.ca });
  const scram = (password: unknown = { file: '' }) => ({ mechanism: 'SCRAM-SHA-512', username: user, password });

  it('works with SCRAM over TLS and with a client certificate', async () => {
    const sasl = await start({ brokers: SASL_SSL_BROKERS, tls: ca(), sasl: scram({ file: passwordFile }) });
    expect(sasl.summary()).toMatchObject({ status: 'ok', brokerCount: 3, brokersUp: 3 });
    expect(sasl.summary().errorKind).toBeUndefined();
    const mtls = await start({
      brokers: MTLS_BROKERS,
      tls: {
        ...ca(),
        certFile: tlsFiles.clientCert,
        keyFile: tlsFiles.clientKey,
        keyPassword: { file: tlsFiles.clientKeyPassword },
      },
    });
    expect(mtls.summary()).toMatchObject({ status: 'ok', brokersUp: 3 });
  });

  it('rejectUnauthorized false connects without the CA (a test cluster), where the default refuses', async () => {
    const unchecked = await start({
      brokers: SASL_SSL_BROKERS,
      tls: { rejectUnauthorized: false },
      sasl: scram({ file: passwordFile }),
    });
    expect(unchecked.summary()).toMatchObject({ status: 'ok', brokersUp: 3 });
    const checked = await start({ brokers: SASL_SSL_BROKERS, tls: {}, sasl: scram({ file: passwordFile }) });
    expect(checked.summary().errorKind).toBe('tls-failed');
  });

  it("a wrong password: the broker's own sentence, kind auth-failed, and an alert that does not blame the network", async () => {
    const wrong = temp.write('wrong-password', 'not-the-password');
    const { loop, summary, alert, captured } = await start({
      brokers: SASL_SSL_BROKERS,
      tls: ca(),
      sasl: scram({ file: wrong }),
    });
    expect(summary()).toMatchObject({ status: 'unreachable', errorKind: 'auth-failed', collectedAt: null });
    expect(summary().error).toMatch(
      /^no broker answered a metadata request: SASL authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512 \(check sasl.username and sasl.password\) \(127\.0\.0\.1:\d+, 127\.0\.0\.1:\d+, 127\.0\.0\.1:\d+\)$/,
    );
    expect(alert()?.message).toMatch(/^Sign-in refused by the brokers \(cluster secured\): no broker answered/);
    expect(alert()?.message).not.toMatch(/network/);
    // Logged once, with its kind, however many cycles it lasts.
    await loop.nextCycle();
    const lines = captured.records().filter((r) => r.level === 'error');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ cluster: 'secured', errorKind: 'auth-failed', error: summary().error });
    expect(lines[0].msg).toMatch(/^cluster secured: Sign-in refused by the brokers: no broker answered/);
    expect(captured.text()).not.toContain('not-the-password');
  });

  it('a SASL listener without SASL configured: the broker closes the connection, and the message says it may expect SASL', async () => {
    await expectReported(
      await start({ brokers: SASL_SSL_BROKERS, tls: ca() }),
      'closed',
      /the broker closed the connection without an answer: the listener may be one that expects SASL \(set sasl\)/,
    );
  });

  it('a TLS listener without TLS configured: the message says it may expect TLS', async () => {
    await expectReported(
      await start({ brokers: SASL_SSL_BROKERS, sasl: scram({ file: passwordFile }) }),
      'closed',
      /the listener may be one that expects TLS \(set tls\)/,
    );
  });

  it('TLS to a port that does not speak it', async () => {
    await expectReported(
      await start({ brokers: LOCAL_BROKERS, tls: ca() }),
      'tls-failed',
      /TLS handshake failed: this port does not speak TLS \(a PLAINTEXT or SASL_PLAINTEXT listener\?\): remove tls, or connect to the broker's TLS port/,
    );
  });

  it("the broker's certificate without its CA: not trusted, set tls.caFile", async () => {
    await expectReported(
      await start({ brokers: SASL_SSL_BROKERS, tls: true, sasl: scram({ file: passwordFile }) }),
      'tls-failed',
      /TLS: the broker's certificate is not trusted \(.+\): set tls.caFile to the CA that signed it/,
    );
  });

  it('mutual TLS without a client certificate', async () => {
    await expectReported(
      await start({ brokers: MTLS_BROKERS, tls: ca() }),
      'tls-failed',
      /TLS: the listener requires a client certificate \(mutual TLS; TLS alert "bad certificate"\): set tls.certFile and tls.keyFile/,
    );
  });

  it('mutual TLS with a client certificate from another CA', async () => {
    await expectReported(
      await start({
        brokers: MTLS_BROKERS,
        tls: { ...ca(), certFile: tlsFiles.strangerCert, keyFile: tlsFiles.strangerKey },
      }),
      'tls-failed',
      /TLS: the broker does not accept the client certificate \(TLS alert "certificate unknown"\): is tls.certFile signed by a CA the broker trusts/,
    );
  });

  it('a failed connect is never reused: the next request fails as fast, with the same reason', async () => {
    // A key that cannot be decrypted makes the TLS setup throw inside the client library's
    // connect, which used to leave a dead connection in its pool: every later request then
    // waited the whole timeout ("no answer within 3000 ms") forever.
    const connections = new BrokerConnections({
      brokers: MTLS_BROKERS,
      requestTimeoutMs: 3000,
      tls: {
        ca: fs.readFileSync(tlsFiles.ca, 'utf8'),
        cert: fs.readFileSync(tlsFiles.clientCert, 'utf8'),
        key: fs.readFileSync(tlsFiles.clientKey, 'utf8'),
        passphrase: 'wrong',
        rejectUnauthorized: true,
      } as never,
    });
    const [host, port] = MTLS_BROKERS[0].split(':');
    const broker = { host, port: Number(port) };
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        const startedAt = Date.now();
        const error = await connections.refreshApis(broker).then(
          () => null,
          (e: Error) => e,
        );
        expect(error?.message).toMatch(/bad decrypt/);
        expect(Date.now() - startedAt).toBeLessThan(1000);
      }
    } finally {
      await connections.close();
    }
  });

  it('a password rotated on disk is read again after the broker refuses the old one', async () => {
    const rotating = temp.write('rotating-password', 'first-password\n');
    const rotatingUser = uniqueName('rotating');
    await setScramPassword(rotatingUser, 'first-password');
    await grant(`User:${rotatingUser}`, minimalPermissions({ read: true }));
    const { loop, client, summary } = await start({
      brokers: SASL_SSL_BROKERS,
      tls: ca(),
      sasl: { mechanism: 'SCRAM-SHA-512', username: rotatingUser, password: { file: rotating } },
    });
    expect(summary().status).toBe('ok');
    // The broker's side changes first (as when a secret store rotates the user's password);
    // connections signed in before stay signed in, so drop them as a broker restart would.
    await setScramPassword(rotatingUser, 'second-password');
    await client.close();
    await loop.nextCycle();
    expect(summary()).toMatchObject({ status: 'unreachable', errorKind: 'auth-failed' });
    // Then the file follows, and a following attempt signs in with it, without a restart.
    fs.writeFileSync(rotating, 'second-password\n');
    const rotatedAt = Date.now();
    let state = summary();
    for (let cycle = 0; cycle < 3 && state.status === 'unreachable'; cycle++) {
      await loop.nextCycle();
      state = summary();
    }
    expect(Date.now() - rotatedAt).toBeLessThan(5 * POLL_MS);
    expect(state).toMatchObject({ status: 'ok', stale: false });
  });
  it('a client certificate rotated on disk: a half-written one is logged and not used, the complete one is', async () => {
    const certFile = temp.write('rotating-client.pem', fs.readFileSync(tlsFiles.strangerCert, 'utf8'));
    const keyFile = temp.write('rotating-client.key', fs.readFileSync(tlsFiles.strangerKey, 'utf8'));
    const { loop, summary, captured } = await start({ brokers: MTLS_BROKERS, tls: { ...ca(), certFile, keyFile } });
    expect(summary().errorKind).toBe('tls-failed');
    // A certificate written before its key (as a secret store may): the pair does not match.
    fs.writeFileSync(certFile, fs.readFileSync(tlsFiles.clientCert, 'utf8'));
    await loop.nextCycle();
    await loop.nextCycle();
    const warnings = captured.records().filter((r) => r.level === 'warn');
    expect(warnings.map((r) => r.msg)).toEqual([
      `cluster secured: new connection settings not used: cluster "secured": tls.keyFile: ${keyFile} is not the key of the certificate in tls.certFile (${certFile})`,
    ]);
    expect(summary().errorKind).toBe('tls-failed');
    // The key follows (unencrypted here, so no password to rotate with it).
    const key = crypto.createPrivateKey({
      key: fs.readFileSync(tlsFiles.clientKey, 'utf8'),
      passphrase: fs.readFileSync(tlsFiles.clientKeyPassword, 'utf8').trim(),
    });
    fs.writeFileSync(keyFile, key.export({ type: 'pkcs8', format: 'pem' }));
    let state = summary();
    for (let cycle = 0; cycle < 3 && state.status === 'unreachable'; cycle++) {
      await loop.nextCycle();
      state = summary();
    }
    expect(state).toMatchObject({ status: 'ok', brokersUp: 3 });
    expect(captured.messages()).toContain('cluster secured: connection settings changed on disk: reconnecting');
  });
});

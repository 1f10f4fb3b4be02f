/**
 * A server watching the local cluster's SASL_SSL listener twice: once with the right
 * password, once with a wrong one. The refused one says so everywhere the user looks
 * (API, home card, cluster page, alert), in the broker's words, never "check the network"
 * and never green "0/0 brokers up" tiles; the other one works beside it.
 */
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertsResponse } from '@/lib/api/alert-schemas';
import { ClustersResponse } from '@/lib/api/schemas';
import { launchBrowser, pageErrors, screenshot } from '../helpers/browser';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { eventually, uniqueName } from '../helpers/local-cluster';
import { parseLogLines } from '../helpers/log-capture';
import { E2E_PORT } from '../helpers/next-global-setup';
import { spawnNextServer, waitForNextServer, type NextServer } from '../helpers/next-server';
import { grant, minimalPermissions, SASL_SSL_BROKERS, setScramPassword, tlsFiles } from '../helpers/secured-cluster';
import { withTempDir } from '../helpers/temp-dir';

/** Desktop and phone widths, each page looked at in both. */
const WIDTHS = [
  [1400, 'desktop'],
  [390, 'phone'],
] as const;

const BROKER_SENTENCE =
  'Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512';

describe('a cluster that refuses the password, beside one that accepts it', { timeout: 180_000 }, () => {
  const dir = withTempDir('e2e-secured');
  const fixture = useKafkaFixture('e2e-secured');
  const user = uniqueName('e2e-secured');
  /** A user without Describe on the cluster and without DescribeConfigs on topics. */
  const restrictedUser = uniqueName('e2e-restricted');
  let server: NextServer;
  let browser: Browser;
  let logFile: string;

  beforeAll(async () => {
    await setScramPassword(user, 'right-password');
    await grant(`User:${user}`, minimalPermissions());
    await setScramPassword(restrictedUser, 'right-password');
    await grant(
      `User:${restrictedUser}`,
      minimalPermissions().filter(
        (p) => p.resource === 'group' || (p.operation === 'DESCRIBE' && p.resource === 'topic'),
      ),
    );
    const sasl = (file: string, username = user) => ({ mechanism: 'SCRAM-SHA-512', username, password: { file } });
    const config = dir.write(
      'watermark.json',
      JSON.stringify({
        clusters: [
          {
            id: 'refused',
            brokers: SASL_SSL_BROKERS,
            pollIntervalMs: 2000,
            tls: { caFile: tlsFiles.ca },
            sasl: sasl(dir.write('wrong-password', 'wrong-password\n')),
            alerts: { forSeconds: 0 },
          },
          {
            id: 'secured',
            brokers: SASL_SSL_BROKERS,
            pollIntervalMs: 2000,
            tls: { caFile: tlsFiles.ca },
            sasl: sasl(dir.write('right-password', 'right-password\n')),
          },
          {
            id: 'restricted',
            brokers: SASL_SSL_BROKERS,
            pollIntervalMs: 2000,
            tls: { caFile: tlsFiles.ca },
            sasl: sasl(dir.pathOf('right-password'), restrictedUser),
            alerts: { forSeconds: 0 },
          },
        ],
      }),
    );
    logFile = dir.pathOf('server.log');
    server = spawnNextServer(E2E_PORT + 3, { WATERMARK_CONFIG: config, WATERMARK_DATA_DIR: dir.pathOf('') }, logFile);
    await waitForNextServer(server);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const api = async <T>(path: string, schema: { parse(body: unknown): T }) =>
    schema.parse(await (await fetch(`${server.url}/api${path}`)).json());

  it("the API gives the refused cluster its kind and the broker's sentence; the other one is ok", async () => {
    const clusters = await eventually(async () => {
      const { clusters } = await api('/clusters', ClustersResponse);
      const ready =
        clusters.find((c) => c.id === 'refused')?.errorKind && clusters.find((c) => c.id === 'secured')?.collectedAt;
      return ready ? clusters : undefined;
    }, 'both clusters to be polled');
    const refused = clusters.find((c) => c.id === 'refused')!;
    expect(refused).toMatchObject({ status: 'unreachable', errorKind: 'auth-failed', collectedAt: null });
    expect(refused.error).toContain(`SASL authentication failed: ${BROKER_SENTENCE}`);
    expect(clusters.find((c) => c.id === 'secured')).toMatchObject({ status: 'ok', brokersUp: 3 });

    const alert = await eventually(async () => {
      const { active } = await api('/clusters/refused/alerts', AlertsResponse);
      return active.find((a) => a.rule === 'cluster-unreachable');
    }, 'the cluster alert');
    expect(alert.message).toMatch(/^Sign-in refused by the brokers \(cluster refused\): .*invalid credentials/);
    expect(alert.message).not.toMatch(/network/);
  });

  it('the home card and the cluster page say the sign-in was refused, with no counts for a cluster never read', async () => {
    for (const [width, name] of WIDTHS) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const errors = pageErrors(page);
      await page.goto(server.url);
      const card = page.getByTestId('cluster-refused');
      await card.getByText(`Sign-in refused by the brokers: no broker answered`).waitFor({ timeout: 30_000 });
      await expect(card.getByText('brokers up').count()).resolves.toBe(0);
      await expect(card.locator('[data-status="unreachable"]').innerText()).resolves.toBe('Sign-in refused');
      await page.getByTestId('cluster-secured').getByText('brokers up').waitFor({ timeout: 30_000 });
      await screenshot(page, `secured-home-${name}`);

      await page.goto(`${server.url}/clusters/refused`);
      const banner = page.locator('[data-error-kind="auth-failed"]');
      await banner.waitFor({ timeout: 30_000 });
      const text = await banner.innerText();
      expect(text).toMatch(/^Sign-in refused by the brokers\. /);
      expect(text).toContain(BROKER_SENTENCE);
      expect(text).toContain('Nothing has been collected from this cluster yet.');
      await expect(page.getByText('offline partitions').count()).resolves.toBe(0);
      await screenshot(page, `secured-refused-cluster-${name}`);
      // The data of a cluster never collected answers 503 "not collected yet": the page says why above.
      expect(errors().filter((e) => !/status of 503/.test(e))).toEqual([]);
      await page.close();
    }
  });

  it('what the user may not read says "not authorised" and the permission, on the pages, with no false alert', async () => {
    const cluster = 'not authorised: needs Describe on Cluster';
    // A topic of its own: the cluster may hold no other visible one when this runs.
    const topic = await fixture.createTopic(1);
    await eventually(async () => {
      const { clusters } = await api('/clusters', ClustersResponse);
      return clusters.find((c) => c.id === 'restricted')?.collectedAt;
    }, 'the restricted cluster to be collected');
    for (const [width, name] of WIDTHS) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const errors = pageErrors(page);
      await page.goto(`${server.url}/clusters/restricted/brokers`);
      const notes = page.getByTestId('not-authorised');
      await notes.waitFor({ timeout: 30_000 });
      await expect(notes.locator('li').allInnerTexts()).resolves.toEqual([
        `controller unknown: ${cluster}`,
        `broker sizes and log dirs: ${cluster}`,
      ]);
      // Three brokers, each size cell says why it is missing: never "0 B".
      await expect(page.locator(`[data-not-authorised="${cluster}"]`).count()).resolves.toBeGreaterThanOrEqual(3);
      await expect(page.getByText(/^0 B$/).count()).resolves.toBe(0);
      await expect(page.getByTestId('distribution-sizeBytes-unknown').innerText()).resolves.toBe(
        `Unknown on every broker: ${cluster}`,
      );
      await screenshot(page, `restricted-brokers-${name}`);

      await page.goto(`${server.url}/clusters/restricted`);
      await page.getByText('controller: not authorised').waitFor({ timeout: 30_000 });

      await page.goto(`${server.url}/clusters/restricted/topics?q=${encodeURIComponent(topic)}`);
      const retention = page.locator(
        `[data-not-authorised="not authorised: needs DescribeConfigs on topic ${topic} (or on all topics)"]`,
      );
      await retention.first().waitFor({ timeout: 30_000 });
      await expect(retention.first().innerText()).resolves.toBe('not authorised');
      await screenshot(page, `restricted-topics-${name}`);
      expect(errors()).toEqual([]);
      await page.close();
    }
    const { active } = await api('/clusters/restricted/alerts', AlertsResponse);
    expect(active.map((a) => a.rule)).not.toContain('controller-missing');
    const refusals = parseLogLines(fs.readFileSync(logFile, 'utf8'))
      .filter((line) => line.cluster === 'restricted' && line.level === 'warn')
      .map((line) => String(line.msg));
    expect(refusals).toEqual(
      expect.arrayContaining([
        `cluster restricted: DescribeQuorum failing: ${cluster}`,
        `cluster restricted: DescribeLogDirs failing: ${cluster}`,
        expect.stringMatching(
          /^cluster restricted: DescribeConfigs failing: not authorised: needs DescribeConfigs on topics? /,
        ),
      ]),
    );
    // Once each, however many cycles.
    expect(new Set(refusals).size).toBe(refusals.length);
  });

  it('the log says it once, with the cause, and never holds the password', async () => {
    const log = fs.readFileSync(logFile, 'utf8');
    // Many failed cycles by now (every 2 s), one line.
    const refusals = parseLogLines(log).filter((line) => line.cluster === 'refused' && line.level === 'error');
    expect(refusals).toEqual([
      expect.objectContaining({
        component: 'collector',
        msg: expect.stringMatching(/^cluster refused: Sign-in refused by the brokers: /),
      }),
    ]);
    expect(String(refusals[0].msg)).toContain(BROKER_SENTENCE);
    expect(log).not.toContain('right-password');
    expect(log).not.toContain('wrong-password\\n');
  });
});

describe('a configuration that cannot be used', { timeout: 240_000 }, () => {
  const dir = withTempDir('e2e-bad-config');

  /** Starts a server on a config file with `text`; resolves with its exit code and log. */
  async function startWith(name: string, text: string, env: Record<string, string> = {}) {
    const config = dir.write(name, text);
    const server = spawnNextServer(E2E_PORT + 3, {
      WATERMARK_CONFIG: config,
      WATERMARK_DATA_DIR: dir.pathOf(''),
      ...env,
    });
    const code = await Promise.race([
      server.exited,
      new Promise((resolve) => setTimeout(() => resolve('still running'), 60_000)),
    ]);
    await server.stop();
    return { code, config, lines: parseLogLines(server.output()) };
  }
  const clusterWith = (fields: Record<string, unknown>) =>
    JSON.stringify({ clusters: [{ id: 'bad-tls', brokers: SASL_SSL_BROKERS, ...fields }] });

  /** The server stops with exit 1 and exactly one fatal line, `invalid configuration: <message>`. */
  async function expectRefused(started: Awaited<ReturnType<typeof startWith>>, message: (config: string) => string) {
    expect(started.code).toBe(1);
    expect(started.lines).toEqual([
      expect.objectContaining({ level: 'fatal', msg: `invalid configuration: ${message(started.config)}` }),
    ]);
  }

  it('TLS files: one line naming the file, the cluster and the field', async () => {
    const empty = dir.write('empty-ca.pem', '');
    await expectRefused(
      await startWith('empty-ca.json', clusterWith({ tls: { caFile: empty } })),
      (config) => `${config}: cluster "bad-tls": tls.caFile: no PEM certificate in ${empty} (the file is empty)`,
    );
    // A PKCS#12 store where PEM is expected (the usual mistake with a Java keystore export).
    const store = dir.pathOf('ca.p12');
    fs.writeFileSync(store, Buffer.from([0x30, 0x82, 0x0a, 0x1f, 0x02, 0x01, 0x03, 0x30, 0x82, 0x09]));
    await expectRefused(
      await startWith('p12-ca.json', clusterWith({ tls: { caFile: store } })),
      (config) =>
        `${config}: cluster "bad-tls": tls.caFile: no PEM certificate in ${store} (a binary file: PKCS#12 or DER? convert it to PEM with openssl)`,
    );
    await expectRefused(
      await startWith(
        'wrong-key-password.json',
        clusterWith({
          tls: {
            caFile: tlsFiles.ca,
            certFile: tlsFiles.clientCert,
            keyFile: tlsFiles.clientKey,
            keyPassword: { file: dir.write('wrong-key-password', 'not-the-key-password\n') },
          },
        }),
      ),
      (config) => `${config}: cluster "bad-tls": tls.keyPassword: cannot decrypt tls.keyFile (${tlsFiles.clientKey})`,
    );
    // The other CA's key beside this CA's certificate.
    await expectRefused(
      await startWith(
        'other-key.json',
        clusterWith({ tls: { caFile: tlsFiles.ca, certFile: tlsFiles.clientCert, keyFile: tlsFiles.strangerKey } }),
      ),
      (config) =>
        `${config}: cluster "bad-tls": tls.keyFile: ${tlsFiles.strangerKey} is not the key of the certificate in tls.certFile (${tlsFiles.clientCert})`,
    );
  });

  it('secrets and JSON: an inline password, an unset variable and a syntax error each say where and what', async () => {
    const sasl = (password: unknown) => ({ mechanism: 'SCRAM-SHA-512', username: 'watermark', password });
    const inline = await startWith(
      'inline.json',
      clusterWith({ tls: { caFile: tlsFiles.ca }, sasl: sasl('hunter2-inline') }),
    );
    await expectRefused(
      inline,
      (config) =>
        `${config}: clusters[0] (id "bad-tls"): sasl.password: give { env: NAME } or { file: path }, never the password itself`,
    );
    expect(JSON.stringify(inline.lines)).not.toContain('hunter2-inline');
    await expectRefused(
      await startWith('unset.json', clusterWith({ tls: { caFile: tlsFiles.ca }, sasl: sasl({ env: 'WM_E2E_UNSET' }) })),
      (config) => `${config}: cluster "bad-tls": sasl.password: environment variable WM_E2E_UNSET is not set`,
    );
    await expectRefused(
      await startWith('syntax.json', '{\n  "clusters": [\n    { "id": "a", "brokers": ["127.0.0.1:1"], }\n  ]\n}\n'),
      (config) => `${config}: not valid JSON at line 3, column 46: a trailing comma before '}'`,
    );
  });
});

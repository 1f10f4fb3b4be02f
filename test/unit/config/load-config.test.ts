import { describe, expect, it } from 'vitest';
import { clusterAlertSettings } from '@/lib/alerts/alert-settings';
import { loadConfig, parseConfigText } from '@/lib/config/load-config';
import { withTempDir } from '../../helpers/temp-dir';
import { configErrorMessage as errorMessage } from '../../helpers/config-error';

const PASSWORD = 'Pa55-w0rd-never-print-me';

const { write: writeConfig, pathOf } = withTempDir('watermark-load-config');

/** A config object with the given clusters, as it would be written to a JSON file. */
function config(...clusters: Record<string, unknown>[]): { clusters: Record<string, unknown>[] } {
  return { clusters };
}

/** A minimal valid cluster entry. */
function cluster(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, brokers: [`${id}-1:9092`], ...overrides };
}

/** Fails if any 6 consecutive characters of `secret` appear in `message`. */
function expectNoPart(message: string, secret: string): void {
  for (let i = 0; i + 6 <= secret.length; i++) {
    expect(message, `contains "${secret.slice(i, i + 6)}"`).not.toContain(secret.slice(i, i + 6));
  }
}

function loadJson(name: string, value: unknown) {
  return loadConfig({ WATERMARK_CONFIG: writeConfig(name, JSON.stringify(value, null, 2)) });
}

const ANALYSIS_DEFAULTS = { lagStatus: { windowSize: 10, allowedLag: 0 }, exactTimeLagBudget: 200, webhooks: [] };

describe('loadConfig', () => {
  it('falls back to KAFKA_BROKERS as a single cluster with id "default" and the default timings', () => {
    const result = loadConfig({ KAFKA_BROKERS: 'a:9092, b:9093' });
    expect(result.clusters).toHaveLength(1);
    expect(result.clusters[0]).toEqual({
      id: 'default',
      name: 'default',
      brokers: ['a:9092', 'b:9093'],
      pollIntervalMs: 10_000,
      requestTimeoutMs: 5_000,
      ...ANALYSIS_DEFAULTS,
    });
    expect(result.history).toEqual({ horizonDays: 7, fullResolutionMinutes: 60, required: true });
  });

  it('falls back to KAFKA_BROKERS when WATERMARK_CONFIG is only whitespace', () => {
    const result = loadConfig({ WATERMARK_CONFIG: '   ', KAFKA_BROKERS: 'a:9092' });
    expect(result.clusters.map((c) => c.id)).toEqual(['default']);
  });

  it('says KAFKA_BROKERS is not set when neither variable is given', () => {
    expect(errorMessage(() => loadConfig({}))).toMatch(/KAFKA_BROKERS is not set/);
  });

  it('prefers WATERMARK_CONFIG over KAFKA_BROKERS', () => {
    const file = writeConfig('prefer.json', JSON.stringify(config(cluster('prod'))));
    const result = loadConfig({ WATERMARK_CONFIG: file, KAFKA_BROKERS: 'ignored:9092' });
    expect(result.clusters.map((c) => c.id)).toEqual(['prod']);
  });

  it('reads a JSON file with two clusters and fills in the defaults', () => {
    const result = loadJson(
      'two.json',
      config(
        cluster('prod', { name: 'Production', brokers: ['p1:9092', 'p2:9092'], pollIntervalMs: 30_000 }),
        cluster('staging', { tls: true, sasl: { mechanism: 'PLAIN', username: 'u', password: { env: 'PW' } } }),
      ),
    );
    expect(result.clusters).toEqual([
      {
        id: 'prod',
        name: 'Production',
        brokers: ['p1:9092', 'p2:9092'],
        pollIntervalMs: 30_000,
        requestTimeoutMs: 5_000,
        ...ANALYSIS_DEFAULTS,
      },
      {
        id: 'staging',
        brokers: ['staging-1:9092'],
        tls: true,
        sasl: { mechanism: 'PLAIN', username: 'u', password: { env: 'PW' } },
        pollIntervalMs: 10_000,
        requestTimeoutMs: 5_000,
        ...ANALYSIS_DEFAULTS,
      },
    ]);
  });

  it('reads a YAML file with two clusters', () => {
    const file = writeConfig(
      'two.yaml',
      [
        'clusters:',
        '  - id: prod',
        '    brokers: [p1:9092, p2:9092]',
        '    requestTimeoutMs: 2000',
        '    tls:',
        '      caFile: /etc/ca.pem',
        '    sasl:',
        '      mechanism: SCRAM-SHA-512',
        '      username: watermark',
        '      password: { file: /run/secrets/kafka }',
        '  - id: dev.local',
        '    brokers:',
        '      - localhost:9092',
        '',
      ].join('\n'),
    );
    const result = loadConfig({ WATERMARK_CONFIG: file });
    expect(result.clusters).toEqual([
      {
        id: 'prod',
        brokers: ['p1:9092', 'p2:9092'],
        tls: { caFile: '/etc/ca.pem', rejectUnauthorized: true },
        sasl: { mechanism: 'SCRAM-SHA-512', username: 'watermark', password: { file: '/run/secrets/kafka' } },
        pollIntervalMs: 10_000,
        requestTimeoutMs: 2_000,
        ...ANALYSIS_DEFAULTS,
      },
      {
        id: 'dev.local',
        brokers: ['localhost:9092'],
        pollIntervalMs: 10_000,
        requestTimeoutMs: 5_000,
        ...ANALYSIS_DEFAULTS,
      },
    ]);
  });

  it('reads lag status, time lag budget and history settings', () => {
    const result = loadJson('analysis.json', {
      ...config(cluster('prod', { lagStatus: { windowSize: 20, allowedLag: 5 }, exactTimeLagBudget: 0 })),
      history: { horizonDays: 30 },
    });
    expect(result.clusters[0]).toMatchObject({ lagStatus: { windowSize: 20, allowedLag: 5 }, exactTimeLagBudget: 0 });
    expect(result.history).toEqual({ horizonDays: 30, fullResolutionMinutes: 60, required: true });
  });

  it('names the field when a lag status window is too small', () => {
    const message = errorMessage(() =>
      loadJson('window.json', config(cluster('prod', { lagStatus: { windowSize: 1 } }))),
    );
    expect(message).toMatch(/clusters\[0\] \(id "prod"\): lagStatus\.windowSize: /);
  });

  it('reads record previews with their defaults, off when not given, and names a bad pattern', () => {
    const result = loadJson(
      'preview.json',
      config(cluster('prod', { recordPreview: { redact: ['secret=\\S+'] } }), cluster('dev')),
    );
    expect(result.clusters[0].recordPreview).toEqual({ maxBytes: 256, redact: ['secret=\\S+'], role: 'operator' });
    expect(result.clusters[1].recordPreview).toBeUndefined();
    const message = errorMessage(() =>
      loadJson('bad-preview.json', config(cluster('prod', { recordPreview: { redact: ['(unclosed'] } }))),
    );
    expect(message).toMatch(/clusters\[0\] \(id "prod"\): recordPreview\.redact\[0\]: not a valid regular expression/);
  });

  it('reads webhooks with an inline URL or one from the environment, JSON by default', () => {
    const result = loadJson(
      'hooks.json',
      config(
        cluster('prod', {
          webhooks: [{ url: 'https://hooks.example.com/a' }, { url: { env: 'SLACK_URL' }, format: 'slack' }],
        }),
      ),
    );
    expect(result.clusters[0].webhooks).toEqual([
      { url: 'https://hooks.example.com/a', format: 'json' },
      { url: { env: 'SLACK_URL' }, format: 'slack' },
    ]);
  });

  it('names the field when a webhook URL is not http(s)', () => {
    const message = errorMessage(() =>
      loadJson('bad-hook.json', config(cluster('prod', { webhooks: [{ url: 'ftp://x/y' }] }))),
    );
    expect(message).toMatch(
      /clusters\[0\] \(id "prod"\): webhooks\[0\]\.url: expected an http\(s\) URL, \{ env: NAME \} or \{ file: path \}$/,
    );
  });

  it('reads alert tuning, overrides and silences, globally and per cluster, into one policy per cluster', () => {
    const result = loadJson('alerts.json', {
      ...config(
        cluster('prod', {
          alerts: {
            timeLagSeconds: 120,
            resolveAfterSeconds: 30,
            overrides: [{ group: 'batch-*', timeLagSeconds: 7200, forSeconds: 600 }],
            silences: [{ match: { broker: 3 }, until: '2030-01-01T00:00:00Z', comment: 'disk swap' }],
          },
        }),
      ),
      alerts: { forSeconds: 10, disabledRules: ['hygiene'], silences: [{ match: { group: 'test-*' } }] },
    });
    const settings = clusterAlertSettings(result, result.clusters[0], 1000);
    expect(settings.lifecycle).toEqual({ forMs: 10_000, resolveAfterMs: 30_000 });
    expect(settings.policy.tuningFor({ group: 'web' })).toMatchObject({ timeLagSeconds: 120, forMs: 10_000 });
    expect(settings.policy.tuningFor({ group: 'batch-1' })).toMatchObject({ timeLagSeconds: 7200, forMs: 600_000 });
    expect([...settings.policy.cluster().disabled]).toEqual(['hygiene']);
    expect(settings.silences).toEqual([
      {
        id: 'config-1',
        source: 'config',
        cluster: 'prod',
        match: { group: 'test-*' },
        startsAt: 1000,
        endsAt: null,
        comment: '',
        createdBy: null,
      },
      {
        id: 'config-2',
        source: 'config',
        cluster: 'prod',
        match: { broker: '3' },
        startsAt: 1000,
        endsAt: Date.parse('2030-01-01T00:00:00Z'),
        comment: 'disk swap',
        createdBy: null,
      },
    ]);
  });

  it('names the field of a bad alert setting: an unknown rule, an override without a pattern, an empty silence', () => {
    const bad = (alerts: unknown) =>
      errorMessage(() => loadJson('bad-alerts.json', { ...config(cluster('prod', { alerts })) }));
    expect(bad({ disabledRules: ['lag'] })).toMatch(/clusters\[0\] \(id "prod"\): alerts\.disabledRules\[0\]: /);
    expect(bad({ overrides: [{ timeLagSeconds: 5 }] })).toMatch(
      /alerts\.overrides\[0\]: give a group or topic pattern/,
    );
    expect(bad({ silences: [{ match: {} }] })).toMatch(/alerts\.silences\[0\]\.match: give at least one of/);
    expect(bad({ silences: [{ match: { group: 'a' }, until: 'tomorrow' }] })).toMatch(/alerts\.silences\[0\]\.until: /);
    expect(bad({ skew: 0.5 })).toMatch(/alerts\.skew: /);
  });

  it('names the field when the history horizon is not positive', () => {
    const message = errorMessage(() =>
      loadJson('horizon.json', { ...config(cluster('prod')), history: { horizonDays: 0 } }),
    );
    expect(message).toMatch(/history\.horizonDays: /);
  });

  it('refuses history.required: false with a shared PostgreSQL, naming the field, and takes it with SQLite', () => {
    const postgres = { url: { env: 'WATERMARK_HISTORY_URL' } };
    const message = errorMessage(() =>
      loadJson('optional-pg.json', { ...config(cluster('prod')), history: { required: false, postgres } }),
    );
    expect(message).toMatch(/history\.required: cannot be false with history\.postgres/);
    expect(loadJson('pg.json', { ...config(cluster('prod')), history: { postgres } }).history.required).toBe(true);
    expect(
      loadJson('optional.json', { ...config(cluster('prod')), history: { required: false } }).history.required,
    ).toBe(false);
  });

  it('reads the metrics granularity, per partition unless the config says topic, and names the field when it is neither', () => {
    expect(loadJson('metrics.json', config(cluster('prod'))).metrics).toEqual({ granularity: 'partition' });
    const topic = loadJson('metrics-topic.json', { ...config(cluster('prod')), metrics: { granularity: 'topic' } });
    expect(topic.metrics).toEqual({ granularity: 'topic' });
    const message = errorMessage(() =>
      loadJson('metrics-bad.json', { ...config(cluster('prod')), metrics: { granularity: 'group' } }),
    );
    expect(message).toMatch(/metrics\.granularity: /);
  });

  it('reads a .yml file as YAML', () => {
    const file = writeConfig('short.yml', 'clusters:\n  - id: a\n    brokers: ["a:1"]\n');
    expect(loadConfig({ WATERMARK_CONFIG: file }).clusters[0].brokers).toEqual(['a:1']);
  });

  it('names the file, the cluster index and id, and the field of a bad broker', () => {
    const file = writeConfig(
      'bad-broker.json',
      JSON.stringify(config(cluster('dev'), cluster('prod', { brokers: ['nohost'] }))),
    );
    const message = errorMessage(() => loadConfig({ WATERMARK_CONFIG: file }));
    expect(message).toContain(file);
    expect(message).toContain('clusters[1] (id "prod")');
    expect(message).toContain('brokers[0]');
    expect(message).toMatch(/expected host:port/);
  });

  it('refuses a broker port outside 1-65535, naming the field', () => {
    const file = writeConfig('bad-port.json', JSON.stringify(config(cluster('dev', { brokers: ['127.0.0.1:99999'] }))));
    const message = errorMessage(() => loadConfig({ WATERMARK_CONFIG: file }));
    expect(message).toContain('clusters[0] (id "dev"): brokers[0]: expected host:port with a port from 1 to 65535');
  });

  it('refuses a silence or override pattern with too many stars or characters, naming the field', () => {
    const stars = writeConfig(
      'stars.json',
      JSON.stringify({ ...config(cluster('dev')), alerts: { silences: [{ match: { rule: `${'*a'.repeat(11)}` } }] } }),
    );
    expect(errorMessage(() => loadConfig({ WATERMARK_CONFIG: stars }))).toContain(
      'alerts.silences[0].match.rule: pattern with more than 10 runs of *',
    );
    const long = writeConfig(
      'long.json',
      JSON.stringify(config(cluster('dev', { alerts: { overrides: [{ group: 'g'.repeat(501), forSeconds: 1 }] } }))),
    );
    expect(errorMessage(() => loadConfig({ WATERMARK_CONFIG: long }))).toContain(
      'clusters[0] (id "dev"): alerts.overrides[0].group: pattern longer than 500 characters',
    );
  });

  it('names the field inside a nested object', () => {
    const message = errorMessage(() =>
      loadJson(
        'bad-mechanism.json',
        config(cluster('prod', { sasl: { mechanism: 'GSSAPI', username: 'u', password: { env: 'X' } } })),
      ),
    );
    expect(message).toContain('clusters[0] (id "prod"): sasl.mechanism');
  });

  it('names the cluster by index alone when it has no usable id', () => {
    const message = errorMessage(() => loadJson('no-id.json', config(cluster('a'), { brokers: ['b:9092'] })));
    expect(message).toContain('clusters[1]: id');
    expect(message).not.toContain('(id ');
  });

  it('rejects a cluster id that cannot be used in a URL', () => {
    const message = errorMessage(() =>
      loadJson('bad-id.json', config(cluster('a'), { id: 'has space', brokers: ['b:9092'] })),
    );
    expect(message).toContain('clusters[1] (id "has space"): id');
  });

  it('rejects a poll interval below one second, naming the field', () => {
    const message = errorMessage(() => loadJson('fast-poll.json', config(cluster('prod', { pollIntervalMs: 10 }))));
    expect(message).toContain('clusters[0] (id "prod"): pollIntervalMs');
  });

  it('rejects an empty cluster list', () => {
    expect(errorMessage(() => loadJson('empty.json', { clusters: [] }))).toMatch(/clusters/);
  });

  it('rejects a cluster with no brokers', () => {
    expect(errorMessage(() => loadJson('no-brokers.json', config(cluster('prod', { brokers: [] }))))).toContain(
      'clusters[0] (id "prod"): brokers',
    );
  });

  it('rejects duplicate cluster ids, naming the second one', () => {
    const message = errorMessage(() => loadJson('dupe.json', config(cluster('prod'), cluster('dev'), cluster('prod'))));
    expect(message).toContain('clusters[2] (id "prod")');
    expect(message).toMatch(/duplicate cluster id "prod"/);
  });

  it('refuses a publicUrl whose path is not the one the build serves under, naming the field', () => {
    // Unit tests run from the sources, as a build at the root.
    const message = errorMessage(() =>
      loadJson('path-url.json', { ...config(cluster('prod')), publicUrl: 'https://ops.example.com/watermark' }),
    );
    expect(message).toContain('publicUrl');
    expect(message).toContain('its path "/watermark" is not where this build serves pages');
    expect(message).toContain('at the root (WATERMARK_BASE_PATH when building)');
    for (const publicUrl of ['https://ops.example.com', 'https://ops.example.com/']) {
      expect(loadJson('root-url.json', { ...config(cluster('prod')), publicUrl }).publicUrl).toBe(publicUrl);
    }
  });

  it('rejects unknown keys at the top level', () => {
    const message = errorMessage(() => loadJson('top-extra.json', { ...config(cluster('prod')), theme: 'dark' }));
    expect(message).toContain('theme');
  });

  it('rejects unknown keys in a cluster, naming the cluster and the key', () => {
    const message = errorMessage(() => loadJson('cluster-extra.json', config(cluster('prod', { pollInterval: 5000 }))));
    expect(message).toContain('clusters[0] (id "prod")');
    expect(message).toContain('pollInterval');
  });

  it('rejects unknown keys in the tls block', () => {
    const message = errorMessage(() =>
      loadJson('tls-extra.json', config(cluster('prod', { tls: { ca: '/etc/ca.pem' } }))),
    );
    expect(message).toBe(`${pathOf('tls-extra.json')}: clusters[0] (id "prod"): tls: Unrecognized key: "ca"`);
  });

  it('names WATERMARK_CONFIG and the path when the file cannot be read', () => {
    const missing = pathOf('does-not-exist.yaml');
    const message = errorMessage(() => loadConfig({ WATERMARK_CONFIG: missing }));
    expect(message).toContain('WATERMARK_CONFIG');
    expect(message).toContain(missing);
    expect(message).toContain('ENOENT');
  });

  it('names the file and the end of the text for JSON cut short', () => {
    const file = writeConfig('broken.json', '{"clusters": [');
    expect(errorMessage(() => loadConfig({ WATERMARK_CONFIG: file }))).toBe(
      `${file}: not valid JSON at line 1, column 15: unexpected end of file`,
    );
  });

  it('names the line and column of a JSON syntax error and says what was expected there', () => {
    const file = writeConfig(
      'trailing-comma.json',
      ['{', '  "clusters": [', '    { "id": "prod", "brokers": ["a:1"], }', '  ]', '}'].join('\n'),
    );
    expect(errorMessage(() => loadConfig({ WATERMARK_CONFIG: file }))).toBe(
      `${file}: not valid JSON at line 3, column 41: a trailing comma before '}'`,
    );
  });

  it('reads a JSON file that starts with a byte order mark', () => {
    const file = writeConfig('bom.json', `\uFEFF${JSON.stringify(config(cluster('prod')))}`);
    expect(loadConfig({ WATERMARK_CONFIG: file }).clusters[0].id).toBe('prod');
  });

  it('names the file, the line, the column and the kind of a YAML syntax error', () => {
    const file = writeConfig('broken.yaml', 'clusters:\n  - id: a\n    brokers: [a:1\n  - id: b\n');
    expect(errorMessage(() => loadConfig({ WATERMARK_CONFIG: file }))).toBe(
      `${file}: not valid YAML at line 4, column 3: bad indent`,
    );
  });

  it('does not echo an inline password that the schema rejects', () => {
    const message = errorMessage(() =>
      loadJson(
        'inline-password.json',
        config(cluster('prod', { sasl: { mechanism: 'PLAIN', username: 'u', password: PASSWORD } })),
      ),
    );
    expect(message).toBe(
      `${pathOf('inline-password.json')}: clusters[0] (id "prod"): sasl.password: give { env: NAME } or { file: path }, never the password itself`,
    );
    expectNoPart(message, PASSWORD);
  });

  it('refuses an inline key password the same way, naming the field inside tls', () => {
    const message = errorMessage(() =>
      loadJson('inline-key-password.json', config(cluster('prod', { tls: { keyFile: '/k', keyPassword: PASSWORD } }))),
    );
    expect(message).toBe(
      `${pathOf('inline-key-password.json')}: clusters[0] (id "prod"): tls.keyPassword: give { env: NAME } or { file: path }, never the password itself`,
    );
  });

  it('says how to name a secret when its object has another key, or none is given', () => {
    const bad = (password: unknown) =>
      errorMessage(() =>
        loadJson(
          'secret-shape.json',
          config(cluster('prod', { sasl: { mechanism: 'PLAIN', username: 'u', password } })),
        ),
      );
    expect(bad({ environment: 'X' })).toMatch(
      /sasl\.password: give \{ env: NAME \} or \{ file: path \} \(one key: env or file\)$/,
    );
    expect(bad({ env: 'X', file: '/x' })).toMatch(/sasl\.password: give .* \(one key: env or file\)$/);
    expect(bad(undefined)).toMatch(/sasl\.password: missing: give \{ env: NAME \} or \{ file: path \}$/);
  });

  it('does not echo an inline password from a JSON file with a syntax error', () => {
    // A hand-edited file with the password left unquoted: JSON.parse quotes the text around the error.
    const file = writeConfig(
      'inline-password-broken.json',
      `{"clusters":[{"id":"prod","brokers":["a:1"],"sasl":{"mechanism":"PLAIN","username":"u","password":${PASSWORD}}}]}`,
    );
    const message = errorMessage(() => loadConfig({ WATERMARK_CONFIG: file }));
    expect(message).toMatch(/not valid JSON at line 1, column 99: expected a value/);
    expectNoPart(message, PASSWORD);
  });

  it('does not echo an inline password from a YAML file with a syntax error', () => {
    const file = writeConfig(
      'inline-password-broken.yaml',
      [
        'clusters:',
        '  - id: prod',
        '    brokers: [a:1]',
        `    sasl: {mechanism: PLAIN, username: u, password: "${PASSWORD}"`,
        '  oops: [',
      ].join('\n'),
    );
    const message = errorMessage(() => loadConfig({ WATERMARK_CONFIG: file }));
    expect(message).toMatch(/not valid YAML/);
    expectNoPart(message, PASSWORD);
  });
});

describe('parseConfigText', () => {
  it('parses JSON when the name ends in .json, whatever the case', () => {
    expect(parseConfigText('{"clusters":[{"id":"a","brokers":["a:1"]}]}', 'CONFIG.JSON').clusters[0].id).toBe('a');
  });

  it('parses YAML for any other name', () => {
    expect(parseConfigText('clusters:\n  - id: a\n    brokers: ["a:1"]\n', 'watermark.conf').clusters[0].id).toBe('a');
  });

  it('reports a problem with the whole document as top level', () => {
    const message = errorMessage(() => parseConfigText('[]', 'list.json'));
    expect(message).toMatch(/^list\.json: \(top level\): /);
  });
});

/**
 * The shape of WATERMARK_CONFIG (JSON or YAML). Secrets are never written here:
 * they name an environment variable or a file to read them from.
 */
import { z } from 'zod';
import { RULE_IDS } from '../alerts/alert-types';
import { GlobPattern } from '../alerts/glob';
import { BASE_PATH, basePathOfUrl } from '../http/base-path';
import { AuthConfig, Role } from './auth-schema';
import { isHostPort } from './brokers-from-env';
import { SecretRef } from './secret-ref';

export { SecretRef } from './secret-ref';

const HostPort = z.string().refine(isHostPort, 'expected host:port with a port from 1 to 65535');

export const TlsConfig = z.union([
  z.literal(true),
  z.strictObject({
    /** PEM files; without caFile, the public CAs Node.js ships are trusted. */
    caFile: z.string().min(1).optional(),
    certFile: z.string().min(1).optional(),
    keyFile: z.string().min(1).optional(),
    keyPassword: SecretRef.optional(),
    servername: z.string().optional(),
    rejectUnauthorized: z.boolean().default(true),
  }),
]);
export type TlsConfig = z.infer<typeof TlsConfig>;

export const SaslConfig = z.strictObject({
  mechanism: z.enum(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512']),
  username: z.string().min(1),
  password: SecretRef,
});
export type SaslConfig = z.infer<typeof SaslConfig>;

const WEBHOOK_URL_FORMS = 'expected an http(s) URL, { env: NAME } or { file: path }';

/** A webhook URL often is a secret (Slack's are): give it inline or as `{ env }` / `{ file }`. */
export const WebhookConfig = z.strictObject({
  url: z.union([z.url({ protocol: /^https?$/, error: WEBHOOK_URL_FORMS }), SecretRef], { error: WEBHOOK_URL_FORMS }),
  /** alertmanager: the url is Alertmanager's `…/api/v2/alerts`; firing alerts are sent again every minute. */
  format: z.enum(['json', 'slack', 'alertmanager']).default('json'),
});
export type WebhookConfig = z.infer<typeof WebhookConfig>;

/** Thresholds, "for" and rules switched off; every field optional, layered over the defaults. */
const alertTuningFields = {
  /** How long a condition must hold before it fires. */
  forSeconds: z.number().min(0).max(86_400).optional(),
  timeLagSeconds: z.number().positive().optional(),
  retentionSoonSeconds: z.number().positive().optional(),
  retentionSoonFraction: z.number().gt(0).max(1).optional(),
  skew: z.number().gt(1).optional(),
  logDirUsage: z.number().gt(0).max(1).optional(),
  disabledRules: z.array(z.enum(RULE_IDS)).optional(),
};

/** Applies where every pattern it names matches (`*` matches any run of characters). */
export const AlertOverrideConfig = z
  .strictObject({ group: GlobPattern.optional(), topic: GlobPattern.optional(), ...alertTuningFields })
  .refine((o) => o.group !== undefined || o.topic !== undefined, { message: 'give a group or topic pattern' });

export const SilenceConfig = z.strictObject({
  match: z
    .strictObject({
      rule: GlobPattern.optional(),
      group: GlobPattern.optional(),
      topic: GlobPattern.optional(),
      broker: z.union([GlobPattern, z.number().int().transform(String)]).optional(),
    })
    .refine((m) => Object.values(m).some((v) => v !== undefined), {
      message: 'give at least one of rule, group, topic, broker',
    }),
  /** ISO 8601 date-time; without it the silence lasts until removed from the file. */
  until: z.iso.datetime({ offset: true }).optional(),
  comment: z.string().default(''),
});
export type SilenceConfig = z.infer<typeof SilenceConfig>;

export const AlertsConfig = z.strictObject({
  ...alertTuningFields,
  /** How long a firing condition must stay away before it resolves (keeps flapping quiet). */
  resolveAfterSeconds: z.number().min(0).max(86_400).optional(),
  overrides: z.array(AlertOverrideConfig).default([]),
  silences: z.array(SilenceConfig).default([]),
});
export type AlertsConfig = z.infer<typeof AlertsConfig>;

/** A regular expression, checked when the config is read. */
const RegexSource = z
  .string()
  .min(1)
  .refine(
    (source) => {
      try {
        new RegExp(source);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a valid regular expression' },
  );

/**
 * Record previews: the first `maxBytes` of a record's key and value, as text or hex, with
 * every match of a `redact` pattern (case-insensitive) replaced, for principals with `role`
 * on the cluster (when sign-in is on). Never cached, logged or put in metrics.
 */
export const RecordPreviewConfig = z.strictObject({
  maxBytes: z.number().int().min(16).max(4096).default(256),
  redact: z.array(RegexSource).default([]),
  role: Role.default('operator'),
});
export type RecordPreviewConfig = z.infer<typeof RecordPreviewConfig>;

export const ClusterConfig = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash and underscore (used in URLs)'),
  name: z.string().min(1).optional(),
  brokers: z.array(HostPort).min(1),
  tls: TlsConfig.optional(),
  sasl: SaslConfig.optional(),
  pollIntervalMs: z.number().int().min(1000).default(10_000),
  requestTimeoutMs: z.number().int().min(100).default(5_000),
  /** Burrow-style lag status: commits per window, and a lag that still counts as caught up. */
  lagStatus: z
    .strictObject({
      windowSize: z.number().int().min(2).default(10),
      allowedLag: z.number().int().min(0).default(0),
    })
    .default({ windowSize: 10, allowedLag: 0 }),
  /** Partitions whose record timestamp may be read per cycle for exact time lag (0: estimate only). */
  exactTimeLagBudget: z.number().int().min(0).default(200),
  /** Where alerts of this cluster are sent when they fire and resolve. */
  webhooks: z.array(WebhookConfig).default([]),
  /** Alert tuning, overrides and silences for this cluster, over the top-level `alerts`. */
  alerts: AlertsConfig.optional(),
  /** Key and value previews of the record a group sits on; without it, metadata only. */
  recordPreview: RecordPreviewConfig.optional(),
});
export type ClusterConfig = z.infer<typeof ClusterConfig>;

/** How long history is kept, and how long at full resolution (older data: one sample per minute, then per 10 minutes). */
/** A shared PostgreSQL for the history instead of the local SQLite file (several replicas share it). */
export const PostgresHistoryConfig = z.strictObject({
  /** postgres://user:password@host:port/database, as a secret: it usually holds the password. */
  url: SecretRef,
  /** Longest a query may take (the server cancels it a little before). */
  queryTimeoutMs: z.number().int().min(500).max(60_000).default(5000),
  /**
   * How long a replica's claim on a cluster lasts without renewal (renewed every third of it):
   * the longest a cluster goes unpolled after the replica polling it dies or stalls.
   */
  leaseTtlMs: z.number().int().min(2000).max(300_000).default(5000),
});
export type PostgresHistoryConfig = z.infer<typeof PostgresHistoryConfig>;

export const HistoryConfig = z
  .strictObject({
    horizonDays: z.number().positive().max(366).default(7),
    fullResolutionMinutes: z.number().int().min(1).default(60),
    /** true: stop when the database cannot be opened; false: run without history, with a banner saying why. */
    required: z.boolean().default(true),
    postgres: PostgresHistoryConfig.optional(),
  })
  .refine((history) => !(history.postgres && history.required === false), {
    path: ['required'],
    message:
      'cannot be false with history.postgres: a replica that started without the shared database would poll every cluster beside the others and send every alert again',
  });
export type HistoryConfig = z.infer<typeof HistoryConfig>;

/**
 * What /api/metrics reports per partition. `partition` (the default): every series
 * kafka-lag-exporter has, per group partition and per partition. `topic`: only per group and
 * topic and per group (kafka-lag-exporter's max, sum and topic-sum series keep their names),
 * as KMinion's `granularity: topic`, for clusters whose per-partition series are more than
 * Prometheus should keep.
 */
export const MetricsConfig = z.strictObject({
  granularity: z.enum(['partition', 'topic']).default('partition'),
  /** When set, /api/metrics answers only requests with `Authorization: Bearer <token>` (not users or API tokens). */
  bearerToken: SecretRef.optional(),
});
export type MetricsConfig = z.infer<typeof MetricsConfig>;
export type MetricsGranularity = MetricsConfig['granularity'];

/** Grants, users and tokens name configured clusters; OIDC needs publicUrl for its redirect. */
function checkAuthReferences(
  config: { auth: AuthConfig; publicUrl?: string },
  clusterIds: Set<string>,
  ctx: z.RefinementCtx,
): void {
  const auth = config.auth;
  if (auth.mode === 'none') return;
  if (auth.mode === 'oidc' && !config.publicUrl) {
    ctx.addIssue({
      code: 'custom',
      path: ['publicUrl'],
      message: 'required with auth.mode oidc: the provider sends people back to publicUrl/auth/oidc/callback',
    });
  }
  const lists = { grants: auth.grants, tokens: auth.tokens, users: auth.mode === 'basic' ? auth.users : [] };
  for (const [list, entries] of Object.entries(lists)) {
    entries.forEach((entry, index) => {
      const unknown = entry.clusters?.find((id) => !clusterIds.has(id));
      if (unknown !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['auth', list, index, 'clusters'],
          message: `no cluster has id "${unknown}"`,
        });
      }
    });
  }
}

/** Links and redirects are built from publicUrl: its path must be the one this build serves under. */
function checkPublicUrlPath(publicUrl: string | undefined, ctx: z.RefinementCtx): void {
  if (!publicUrl) return;
  const path = basePathOfUrl(publicUrl);
  if (path === BASE_PATH) return;
  const built = BASE_PATH ? `under "${BASE_PATH}"` : 'at the root';
  ctx.addIssue({
    code: 'custom',
    path: ['publicUrl'],
    message: `its path "${path || '/'}" is not where this build serves pages: it was built to serve ${built} (WATERMARK_BASE_PATH when building)`,
  });
}

export const WatermarkConfig = z
  .strictObject({
    clusters: z.array(ClusterConfig).min(1),
    history: HistoryConfig.default({ horizonDays: 7, fullResolutionMinutes: 60, required: true }),
    metrics: MetricsConfig.default({ granularity: 'partition' }),
    /** Alert tuning, overrides and silences for every cluster. */
    alerts: AlertsConfig.optional(),
    /**
     * The dashboard's address as people open it, for links in notifications and sign-in
     * redirects; behind a proxy at a path, that path too (`https://ops.example.com/watermark`).
     */
    publicUrl: z.url({ protocol: /^https?$/ }).optional(),
    /**
     * Host names the dashboard answers to, besides IP addresses, localhost, this machine's
     * name and publicUrl's host; `*.example.com` allows its subdomains. Other Host headers get 403.
     */
    allowedHosts: z.array(z.string().regex(/^(\*\.)?[A-Za-z0-9.-]+$/, 'expected a host name or *.domain')).optional(),
    /** Sign-in and roles (auth-schema.ts); `none` lets everyone who reaches the server do everything. */
    auth: AuthConfig.default({ mode: 'none' }),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.clusters.forEach((cluster, index) => {
      if (seen.has(cluster.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['clusters', index, 'id'],
          message: `duplicate cluster id "${cluster.id}"`,
        });
      }
      seen.add(cluster.id);
    });
    checkAuthReferences(config, seen, ctx);
    checkPublicUrlPath(config.publicUrl, ctx);
  });
export type WatermarkConfig = z.infer<typeof WatermarkConfig>;

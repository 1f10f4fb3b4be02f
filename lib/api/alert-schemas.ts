/**
 * The alerts API's shapes, shared by the handlers, the pages and the tests.
 */
import { z } from 'zod';
import { GlobPattern } from '../alerts/glob';
import { HistoryHealth } from './health';

export const AlertSubjectView = z.object({
  cluster: z.string(),
  broker: z.number().optional(),
  topic: z.string().optional(),
  partition: z.number().optional(),
  group: z.string().optional(),
});

export const AlertView = z.object({
  key: z.string(),
  rule: z.string(),
  severity: z.enum(['critical', 'warning', 'info']),
  status: z.enum(['pending', 'firing', 'resolved']),
  subject: AlertSubjectView,
  value: z.number(),
  threshold: z.number(),
  message: z.string(),
  /** The page that explains the alert. */
  href: z.string(),
  since: z.number(),
  firedAt: z.number().nullable(),
  resolvedAt: z.number().nullable(),
  lastSeenAt: z.number(),
  /** The id of the silence that mutes it (no notifications), or null. */
  silencedBy: z.string().nullable(),
  /**
   * The key of the alert that causes it (a broker down, the cluster unreachable), or null.
   * An inhibited alert sends no notification and is shown under its cause.
   */
  inhibitedBy: z.string().nullable(),
});
export type AlertView = z.infer<typeof AlertView>;

/**
 * What a silence mutes: every field given must match the alert (`*` matches any run of
 * characters, the rest is literal). `broker` is a broker id or a pattern over it.
 */
export const SilenceMatch = z
  .strictObject({
    rule: GlobPattern.optional(),
    group: GlobPattern.optional(),
    topic: GlobPattern.optional(),
    broker: GlobPattern.optional(),
  })
  .refine((m) => Object.values(m).some((v) => v !== undefined), {
    message: 'give at least one of rule, group, topic, broker',
  });
export type SilenceMatch = z.infer<typeof SilenceMatch>;

export const SilenceView = z.object({
  /** "config-N" for silences from the config file, a random hex id for those made in the UI. */
  id: z.string(),
  source: z.enum(['config', 'ui']),
  cluster: z.string(),
  match: z.object({
    rule: z.string().optional(),
    group: z.string().optional(),
    topic: z.string().optional(),
    broker: z.string().optional(),
  }),
  startsAt: z.number(),
  /** Epoch ms; null: until removed from the config. */
  endsAt: z.number().nullable(),
  comment: z.string(),
  /** Who made it (the signed-in user); null for the config file's and for silences made before this was kept. */
  createdBy: z.string().nullable(),
});
export type SilenceView = z.infer<typeof SilenceView>;

export const EndedSilenceView = SilenceView.extend({
  /** Who ended it early; null when it ran out. `endsAt` is when it ended. */
  endedBy: z.string().nullable(),
});
export type EndedSilenceView = z.infer<typeof EndedSilenceView>;

/** GET /api/clusters/{cluster}/alerts */
export const AlertsResponse = z.object({
  active: z.array(AlertView),
  recent: z.array(AlertView),
  /** Silences in effect now. */
  silences: z.array(SilenceView),
  /** Silences made in the UI or API that ended in the last 24 hours, latest first (at most 20). */
  endedSilences: z.array(EndedSilenceView),
});
export type AlertsResponse = z.infer<typeof AlertsResponse>;

/** GET /api/alerts: every cluster's active and recent alerts, for the all-clusters page and the badges. */
export const AllAlertsResponse = z.object({
  /** Per cluster, alerts firing and pending that are not inhibited (one per cause), and those inhibited. */
  clusters: z.array(
    z.object({ id: z.string(), name: z.string(), firing: z.number(), pending: z.number(), inhibited: z.number() }),
  ),
  active: z.array(AlertView),
  recent: z.array(AlertView),
  /** Whether the history database is written: every page reads this with the alert counts and warns when not. */
  history: HistoryHealth,
});
export type AllAlertsResponse = z.infer<typeof AllAlertsResponse>;

/** POST /api/clusters/{cluster}/silences */
export const CreateSilenceRequest = z.strictObject({
  match: SilenceMatch,
  /** 1 minute to 30 days. */
  durationMinutes: z.number().int().min(1).max(43_200),
  comment: z.string().max(500).default(''),
  /** Required (true) for a silence whose every pattern is `*`: it mutes a whole class of alerts. */
  confirmAll: z.boolean().optional(),
});
export type CreateSilenceRequest = z.infer<typeof CreateSilenceRequest>;

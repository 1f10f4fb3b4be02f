/**
 * Rule thresholds with defaults that make sense out of the box; the config overrides
 * them globally, per cluster and per group or topic pattern (see alert-policy.ts).
 */
export interface AlertThresholds {
  /** A group's largest time lag above this is a warning. */
  timeLagSeconds: number;
  /** Loss possible sooner than this, or than `retentionSoonFraction` of retention.ms, whichever is sooner. */
  retentionSoonSeconds: number;
  retentionSoonFraction: number;
  /** Leaders, replicas or bytes per broker above this many times the mean. */
  skew: number;
  /** Share of a log dir's capacity in use. */
  logDirUsage: number;
}

export const DEFAULT_ALERT_THRESHOLDS: AlertThresholds = {
  timeLagSeconds: 300,
  retentionSoonSeconds: 3600,
  retentionSoonFraction: 0.25,
  skew: 1.5,
  logDirUsage: 0.85,
};

import type { AlertView } from '@/lib/api/alert-schemas';

type Severity = AlertView['severity'];

/** Shapes as on the lag badges (■ err, ▲ warn, ● otherwise), so severity reads without colour. */
const LOOK: Record<Severity, { tone: 'err' | 'warn' | 'info'; icon: string; word: string }> = {
  critical: { tone: 'err', icon: '■', word: 'Critical' },
  warning: { tone: 'warn', icon: '▲', word: 'Warning' },
  info: { tone: 'info', icon: '●', word: 'Info' },
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  const look = LOOK[severity];
  return (
    <span className={`badge badge-${look.tone}`} data-severity={severity}>
      <span aria-hidden="true">{look.icon} </span>
      {look.word}
    </span>
  );
}

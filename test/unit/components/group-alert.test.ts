/** Which alert the group page shows the changes before: the newest active one about the group. */
import { describe, expect, it } from 'vitest';
import { groupAlert } from '@/components/timeline/events-before-alert';
import type { AlertView } from '@/lib/api/alert-schemas';

const alert = (
  key: string,
  group: string | undefined,
  status: AlertView['status'],
  firedAt: number | null,
  since = 0,
) => ({ key, subject: { cluster: 'c', group }, status, firedAt, since }) as AlertView;

describe('the alert a group page explains', () => {
  it('is the newest firing or pending alert about the group', () => {
    const alerts = [
      alert('old', 'billing', 'firing', 1000),
      alert('pending', 'billing', 'pending', null, 3000),
      alert('resolved', 'billing', 'resolved', 5000),
      alert('other', 'ledger', 'firing', 9000),
      alert('broker', undefined, 'firing', 9000),
    ];
    expect(groupAlert(alerts, 'billing')?.key).toBe('pending');
    expect(groupAlert(alerts.slice(2), 'billing')).toBeNull();
    expect(groupAlert(undefined, 'billing')).toBeNull();
  });
});

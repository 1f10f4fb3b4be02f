import type { ConnectionFailureKind } from '@/lib/kafka/connection-failure';
import { headlineOf } from '@/lib/format/connection-failure-wording';
import { DataAge } from './data-age';

/**
 * Says plainly that the data is old because the last poll failed, and what kind of
 * failure it was (a refused password is not a network outage); the page below keeps
 * showing the last good data.
 */
export function StaleBanner({
  stale,
  error,
  errorKind,
  collectedAt,
}: {
  stale: boolean;
  error?: string;
  errorKind?: ConnectionFailureKind;
  collectedAt: number;
}) {
  if (!stale) return null;
  return (
    <div className="banner banner-err" role="alert" data-error-kind={errorKind ?? 'unreachable'}>
      <strong>{headlineOf(errorKind)}.</strong> {error ? `${error}. ` : ''}Showing the last good data,{' '}
      <DataAge collectedAt={collectedAt} />.
    </div>
  );
}

/** Before the first good poll: the first is running, or it failed (with its kind and cause). */
export function NotCollectedBanner({ error, errorKind }: { error?: string; errorKind?: ConnectionFailureKind }) {
  if (!errorKind) {
    return <p className="banner banner-warn">Not collected yet: the first poll of this cluster is running.</p>;
  }
  return (
    <div className="banner banner-err" role="alert" data-error-kind={errorKind}>
      <strong>{headlineOf(errorKind)}.</strong> {error ? `${error}. ` : ''}Nothing has been collected from this cluster
      yet.
    </div>
  );
}

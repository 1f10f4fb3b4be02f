import { DataAge } from './data-age';

/**
 * Says plainly that the data is old because the last poll failed; the page below
 * keeps showing the last good data.
 */
export function StaleBanner({ stale, error, collectedAt }: { stale: boolean; error?: string; collectedAt: number }) {
  if (!stale) return null;
  return (
    <div className="banner banner-err" role="alert">
      <strong>Cluster unreachable.</strong> {error ? `${error}. ` : ''}Showing the last good data,{' '}
      <DataAge collectedAt={collectedAt} />.
    </div>
  );
}

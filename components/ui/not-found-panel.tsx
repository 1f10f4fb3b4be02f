import Link from 'next/link';

/** What a URL naming a cluster, topic or group the API does not know shows, with a way back. */
export function NotFoundPanel({
  heading,
  message,
  backHref,
  backLabel,
}: {
  heading: string;
  message: string;
  backHref: string;
  backLabel: string;
}) {
  return (
    <section className="not-found-panel" aria-labelledby="not-found-panel-heading">
      <h1 id="not-found-panel-heading">{heading}</h1>
      <p className="muted">{message}</p>
      <p>
        <Link href={backHref}>{backLabel}</Link>
      </p>
    </section>
  );
}

/** The panel for a cluster that is not configured, back to the list of clusters. */
export function ClusterNotFound({ message }: { message: string }) {
  return <NotFoundPanel heading="Cluster not found" message={message} backHref="/" backLabel="All clusters" />;
}

/** The panel for a topic the cluster does not have, back to the cluster's topics. */
export function TopicNotFound({ cluster, message }: { cluster: string; message: string }) {
  return (
    <NotFoundPanel
      heading="Topic not found"
      message={message}
      backHref={`/clusters/${encodeURIComponent(cluster)}/topics`}
      backLabel="All topics"
    />
  );
}

/** The panel for a consumer group the cluster does not have, back to the cluster's groups. */
export function GroupNotFound({ cluster, message }: { cluster: string; message: string }) {
  return (
    <NotFoundPanel
      heading="Consumer group not found"
      message={message}
      backHref={`/clusters/${encodeURIComponent(cluster)}/groups`}
      backLabel="All consumer groups"
    />
  );
}

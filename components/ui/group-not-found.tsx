import Link from 'next/link';

/** What a URL naming a group (or cluster) the API does not know shows, with a way back. */
export function GroupNotFound({
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
    <section className="groups-not-found" aria-labelledby="groups-not-found-heading">
      <h1 id="groups-not-found-heading">{heading}</h1>
      <p className="muted">{message}</p>
      <p>
        <Link href={backHref}>{backLabel}</Link>
      </p>
    </section>
  );
}

import { NotFoundPanel } from '@/components/ui/not-found-panel';

/** Any address no route matches (unknown clusters, topics and groups have their own, closer to them). */
export default function NotFound() {
  return (
    <NotFoundPanel
      heading="Page not found"
      message="Nothing is at this address."
      backHref="/"
      backLabel="All clusters"
    />
  );
}

/**
 * Writes view state into the address bar without a navigation, so a view can be shared or
 * reloaded as it is without a server round trip (Next.js syncs its router with replaceState).
 */

/** Replaces the current URL's query string with `search` ("" or "?a=1&b=2"). */
export function replaceSearch(search: string): void {
  window.history.replaceState(null, '', `${window.location.pathname}${search}`);
}

/** Sets one query parameter of the current URL, keeping the others. */
export function replaceSearchParam(name: string, value: string): void {
  const search = new URLSearchParams(window.location.search);
  search.set(name, value);
  replaceSearch(`?${search}`);
}

/**
 * Server-side 404 for pages: an unknown cluster, topic or group answers HTTP 404 with
 * the not-found page, by the same rules (and the same errors) as the API. A cluster the
 * signed-in user may not see is unknown to them.
 */
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { requireViewer } from '../auth/request-access';
import { statusOf } from './errors';
import { checkPageSubject } from './readers';

/** Calls Next.js's notFound() when the API would answer 404 for this cluster, topic or group. */
export async function notFoundUnlessKnown(
  clusterId: string,
  subject: { topic?: string; group?: string } = {},
): Promise<void> {
  const requestHeaders = await headers();
  try {
    requireViewer(requestHeaders, clusterId);
    checkPageSubject(clusterId, subject);
  } catch (error) {
    if (statusOf(error) === 404) notFound();
    throw error;
  }
}

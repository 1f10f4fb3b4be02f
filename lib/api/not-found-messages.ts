/**
 * What the API's 404s say, and the not-found pages repeat: one wording for both.
 * Plain functions, safe to import from client components.
 */
export const unknownClusterMessage = (clusterId: string) => `unknown cluster "${clusterId}"`;

export const unknownTopicMessage = (clusterId: string, topic: string) =>
  `unknown topic "${topic}" in cluster "${clusterId}"`;

export const unknownGroupMessage = (clusterId: string, groupId: string) =>
  `unknown consumer group "${groupId}" in cluster "${clusterId}"`;

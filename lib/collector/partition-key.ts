/** One string key per topic-partition, for maps (NUL cannot appear in a topic name). */
export const partitionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

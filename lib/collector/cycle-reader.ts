/**
 * The Kafka part of a cycle, behind one interface: read a snapshot, then analyse it. The
 * server runs it on the collector thread (collector-thread.ts) so that decoding Kafka's
 * answers and the analysis never hold the web server's event loop; tests and the
 * benchmark run it in their own thread with kafkaCycleReader.
 */
import type { AlertPolicy } from '../alerts/alert-policy';
import { deriveEvents, type ClusterEvent } from '../analysis/cluster-events';
import type { Condition } from '../alerts/alert-types';
import { groupConditions } from '../alerts/group-rules';
import { failureKindOf, type ConnectionFailureKind } from '../kafka/connection-failure';
import { describeError } from '../kafka/errors';
import type { KafkaClient } from '../kafka/kafka-client';
import type { RecordAtOffset, RecordAtOffsetRequest } from '../kafka/record-at-offset';
import type { HistoryAggregates } from '../history/cycle-record';
import type { ClusterAnalysis } from './analysis-types';
import { collectCycle } from './collect-cycle';
import { historyAggregates } from './history-record';
import type { ClusterSnapshot } from './snapshot';

export interface CycleRead {
  snapshot: ClusterSnapshot | null;
  analysis: ClusterAnalysis | null;
  /** Why no snapshot was read (no broker answered); null with a snapshot. */
  error: string | null;
  errorKind: ConnectionFailureKind | null;
  /** Why a snapshot read has no analysis; null otherwise. */
  analysisError: string | null;
  /**
   * The sums the cycle adds to the history, made where the snapshot was read (on the
   * collector thread, off the web server's event loop); null without a snapshot.
   */
  aggregates: HistoryAggregates | null;
  /**
   * The group alert rules' conditions on this snapshot and analysis, evaluated where they
   * were made (the collector thread); null when the reader has no alert policy, or no snapshot.
   */
  groupConditions: Condition[] | null;
  /**
   * What changed since the previous snapshot this reader read (the timeline's events), derived
   * where the snapshots are (the collector thread); null without a snapshot, or on the first
   * read (nothing to compare with).
   */
  changes: ClusterEvent[] | null;
  /** Kafka requests since the cycle began, the analysis's included. */
  requestCount: number;
  /**
   * A replica following another's cycles found none newer than the last it gave: the loop
   * publishes, records and counts nothing (the pages show the last cycle's age).
   */
  repeat?: boolean;
}

/** A cycle that read no snapshot: failed (`error` and its kind given), or a follower's wait with nothing new (`repeat`). */
export function emptyCycleRead(why: { error: string; errorKind: ConnectionFailureKind } | { repeat: true }): CycleRead {
  return {
    snapshot: null,
    analysis: null,
    error: null,
    errorKind: null,
    analysisError: null,
    aggregates: null,
    groupConditions: null,
    changes: null,
    requestCount: 0,
    ...why,
  };
}

export interface CycleReader {
  /**
   * Resolves once reads can begin (a thread started, the memory reloaded from the history),
   * so that the first cycle's duration is the cycle's own. Never rejects: a reader that
   * could not start says why at its first read.
   */
  ready?(): Promise<void>;
  /** Reads one cycle. Never rejects for Kafka's reasons: those are in the result. */
  read(): Promise<CycleRead>;
  /**
   * The record at one offset, read now with the brokers and topics of the last snapshot
   * (one Fetch to the leader). Never rejects for Kafka's reasons: those are in the result.
   */
  recordAtOffset(request: RecordAtOffsetRequest): Promise<RecordAtOffset>;
  /** Closes the connections; a read still running ends with their failure. */
  close(): Promise<void>;
}

/** Reads with `client` in this thread; the previous snapshot read is kept for the next cycle. */
export function kafkaCycleReader(
  client: KafkaClient,
  analyze: ((snapshot: ClusterSnapshot) => Promise<ClusterAnalysis>) | undefined,
  now: () => number = Date.now,
  /** The cluster's alert policy, to evaluate the group rules with; null: they are evaluated by the caller. */
  policy: { clusterId: string; policy: AlertPolicy } | null = null,
): CycleReader {
  let previous: ClusterSnapshot | null = null;
  let changes: ClusterEvent[] | null = null;
  const read = async (): Promise<Omit<CycleRead, 'requestCount' | 'aggregates' | 'groupConditions' | 'changes'>> => {
    let snapshot: ClusterSnapshot;
    try {
      snapshot = await collectCycle(client, previous, now);
    } catch (failure) {
      return {
        snapshot: null,
        analysis: null,
        error: describeError(failure),
        errorKind: failureKindOf(failure),
        analysisError: null,
      };
    }
    changes = previous ? deriveEvents(previous, snapshot) : null;
    previous = snapshot;
    try {
      const analysis = (await analyze?.(snapshot)) ?? null;
      return { snapshot, analysis, error: null, errorKind: null, analysisError: null };
    } catch (failure) {
      return { snapshot, analysis: null, error: null, errorKind: null, analysisError: describeError(failure) };
    }
  };
  return {
    async read() {
      changes = null;
      const result = await read();
      const { snapshot, analysis } = result;
      const aggregates = snapshot ? historyAggregates(snapshot, analysis) : null;
      const groupFindings =
        policy && snapshot ? groupConditions({ id: policy.clusterId, snapshot, analysis }, policy.policy) : null;
      return { ...result, aggregates, groupConditions: groupFindings, changes, requestCount: client.requestCount };
    },
    recordAtOffset: async (request) =>
      previous
        ? client.recordAtOffset(previous.brokers, previous.topics, request)
        : { leader: null, kind: 'error', error: 'the cluster has not been read yet' },
    close: () => client.close(),
  };
}

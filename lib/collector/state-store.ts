/**
 * The latest state of every watched cluster, in memory. The collector writes it;
 * API readers only read it, so no web request ever reaches Kafka.
 */
import type { ConnectionFailureKind } from '../kafka/connection-failure';
import type { ClusterAnalysis } from './analysis-types';
import type { ClusterSnapshot, ClusterState } from './snapshot';

export class ClusterStateStore {
  readonly #states = new Map<string, ClusterState>();

  register(id: string, name: string, pollIntervalMs: number): void {
    if (!this.#states.has(id)) {
      this.#states.set(id, {
        id,
        name,
        pollIntervalMs,
        snapshot: null,
        analysis: null,
        lastAttemptAt: null,
        lastSuccessAt: null,
        error: null,
        errorKind: null,
        historyError: null,
      });
    }
  }

  recordSuccess(id: string, snapshot: ClusterSnapshot, analysis: ClusterAnalysis | null = null): void {
    const state = this.#require(id);
    this.#states.set(id, {
      ...state,
      snapshot,
      analysis,
      lastAttemptAt: snapshot.collectedAt,
      lastSuccessAt: snapshot.collectedAt,
      error: null,
      errorKind: null,
    });
  }

  /** Keeps the last good snapshot: pages show it with its age and the error. */
  recordFailure(id: string, at: number, error: string, errorKind: ConnectionFailureKind = 'unreachable'): void {
    const state = this.#require(id);
    this.#states.set(id, { ...state, lastAttemptAt: at, error, errorKind });
  }

  /** The outcome of this cycle's history write: null when it succeeded. Keeps the first failure's time. */
  recordHistoryWrite(id: string, at: number, error: string | null): void {
    const state = this.#require(id);
    const historyError = error === null ? null : { message: error, since: state.historyError?.since ?? at };
    this.#states.set(id, { ...state, historyError });
  }

  get(id: string): ClusterState | undefined {
    return this.#states.get(id);
  }

  list(): ClusterState[] {
    return [...this.#states.values()];
  }

  #require(id: string): ClusterState {
    const state = this.#states.get(id);
    if (!state) throw new Error(`cluster ${id} is not registered`);
    return state;
  }
}

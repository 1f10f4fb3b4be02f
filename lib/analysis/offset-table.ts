/**
 * A partition's (high watermark, time) lookup table for estimated time lag (time-lag.ts),
 * in two typed arrays: 16 bytes a point instead of an object of two boxed numbers (about
 * 56), and a table grows only as points come (an idle partition holds one or two).
 *
 * Offsets in the table strictly increase. Adding a point:
 * - Same offset as the newest point: the table is kept as is, so a flat run (an idle
 *   producer) keeps the first time the high watermark reached that offset.
 * - Lower offset: the topic was recreated or truncated; the table restarts with this
 *   point alone.
 * - Higher offset but not a later time (a clock step back): ignored.
 * - Over `maxPoints` (at least 2): the interior point whose removal changes the
 *   interpolation least is dropped (the earliest of equals); the first and last points
 *   always stay.
 */

export interface OffsetTimePoint {
  offset: number;
  /** Epoch milliseconds: the first poll that saw the high watermark at `offset`. */
  t: number;
}

const INITIAL_CAPACITY = 4;

export class OffsetTable {
  readonly maxPoints: number;
  #offsets = new Float64Array(INITIAL_CAPACITY);
  #times = new Float64Array(INITIAL_CAPACITY);
  #length = 0;

  constructor(maxPoints: number) {
    this.maxPoints = Math.max(2, maxPoints);
  }

  static of(points: readonly OffsetTimePoint[], maxPoints = Math.max(2, points.length)): OffsetTable {
    const table = new OffsetTable(maxPoints);
    for (const point of points) table.add(point.offset, point.t);
    return table;
  }

  get length(): number {
    return this.#length;
  }

  offsetAt(index: number): number {
    return this.#offsets[index];
  }

  timeAt(index: number): number {
    return this.#times[index];
  }

  add(offset: number, t: number): void {
    const last = this.#length - 1;
    if (last < 0 || offset < this.#offsets[last]) {
      this.#length = 0;
    } else if (offset === this.#offsets[last] || t <= this.#times[last]) {
      return;
    }
    if (this.#length === this.#offsets.length) this.#grow();
    this.#offsets[this.#length] = offset;
    this.#times[this.#length] = t;
    this.#length++;
    if (this.#length > this.maxPoints) this.#remove(this.#leastUseful());
  }

  /** Index of the first point whose offset is above `offset`, or -1. */
  firstAbove(offset: number): number {
    let low = 0;
    let high = this.#length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#offsets[middle] > offset) high = middle;
      else low = middle + 1;
    }
    return low < this.#length ? low : -1;
  }

  /** Time at which the high watermark was `offset`, on the straight line between points `i` and `i + 1`. */
  interpolate(i: number, offset: number): number {
    return this.#between(i, i + 1, offset);
  }

  #between(from: number, to: number, offset: number): number {
    const o0 = this.#offsets[from];
    const t0 = this.#times[from];
    return t0 + ((offset - o0) / (this.#offsets[to] - o0)) * (this.#times[to] - t0);
  }

  points(): OffsetTimePoint[] {
    return Array.from({ length: this.#length }, (_, i) => ({ offset: this.#offsets[i], t: this.#times[i] }));
  }

  /** Bytes the arrays take. */
  get byteLength(): number {
    return this.#offsets.byteLength + this.#times.byteLength;
  }

  #grow(): void {
    const capacity = Math.min(this.maxPoints + 1, this.#offsets.length * 2);
    const offsets = new Float64Array(capacity);
    const times = new Float64Array(capacity);
    offsets.set(this.#offsets.subarray(0, this.#length));
    times.set(this.#times.subarray(0, this.#length));
    this.#offsets = offsets;
    this.#times = times;
  }

  /** Interior index whose point is best predicted by its neighbours (smallest time error), earliest on ties. */
  #leastUseful(): number {
    let best = 1;
    let bestErrorMs = Infinity;
    for (let i = 1; i < this.#length - 1; i++) {
      const errorMs = Math.abs(this.#times[i] - this.#between(i - 1, i + 1, this.#offsets[i]));
      if (errorMs < bestErrorMs) {
        best = i;
        bestErrorMs = errorMs;
      }
    }
    return best;
  }

  #remove(index: number): void {
    this.#offsets.copyWithin(index, index + 1, this.#length);
    this.#times.copyWithin(index, index + 1, this.#length);
    this.#length--;
  }
}

/**
 * Variable-length integers and strings in a growing byte buffer: the building blocks of
 * the history's compressed frames (raw-frames.ts) and aggregate rows (aggregate-rows.ts).
 *
 * Integers are LEB128 varints (7 bits per byte, low bits first), signed ones zigzag-coded
 * (0, -1, 1, -2 … → 0, 1, 2, 3 …) so small deltas of either sign take one byte. Kafka
 * offsets and sizes exceed 32 bits, so the arithmetic is on doubles, exact up to 2^53
 * (a partition would need 9 quadrillion messages to pass it).
 */

const TWO_POW_7 = 128;

export class ByteWriter {
  #buffer: Buffer;
  #length = 0;

  /** `initialBytes`: room to start with (it doubles as needed); small for the many short writers of series. */
  constructor(initialBytes = 64 * 1024) {
    this.#buffer = Buffer.allocUnsafe(Math.max(16, initialBytes));
  }

  get length(): number {
    return this.#length;
  }

  #ensure(bytes: number): void {
    if (this.#length + bytes <= this.#buffer.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.#buffer.length * 2, this.#length + bytes));
    this.#buffer.copy(next, 0, 0, this.#length);
    this.#buffer = next;
  }

  /** A whole number ≥ 0. */
  unsigned(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not a safe unsigned integer: ${value}`);
    this.#ensure(8);
    let rest = value;
    while (rest >= TWO_POW_7) {
      this.#buffer[this.#length++] = (rest % TWO_POW_7) | 0x80;
      rest = Math.floor(rest / TWO_POW_7);
    }
    this.#buffer[this.#length++] = rest;
  }

  /** A whole number of either sign. */
  signed(value: number): void {
    this.unsigned(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  /** A whole number of either sign, or null (one byte). */
  optionalSigned(value: number | null): void {
    this.unsigned(value === null ? 0 : (value >= 0 ? value * 2 : -value * 2 - 1) + 1);
  }

  string(value: string): void {
    const bytes = Buffer.from(value, 'utf8');
    this.unsigned(bytes.length);
    this.#ensure(bytes.length);
    bytes.copy(this.#buffer, this.#length);
    this.#length += bytes.length;
  }

  /** The bytes written so far (a view: copy it before writing more). */
  bytes(): Buffer {
    return this.#buffer.subarray(0, this.#length);
  }
}

/** A frame that ends early or holds a number too large: the data is not what we wrote. */
export class CorruptFrameError extends Error {}

export class ByteReader {
  #offset = 0;

  constructor(private readonly buffer: Buffer) {}

  unsigned(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.#offset >= this.buffer.length) throw new CorruptFrameError('frame ends inside a number');
      const byte = this.buffer[this.#offset++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
      scale *= TWO_POW_7;
      if (scale > Number.MAX_SAFE_INTEGER) throw new CorruptFrameError('number too large in frame');
    }
    return value;
  }

  signed(): number {
    const zigzag = this.unsigned();
    return zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2;
  }

  optionalSigned(): number | null {
    const coded = this.unsigned();
    if (coded === 0) return null;
    const zigzag = coded - 1;
    return zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2;
  }

  string(): string {
    const length = this.unsigned();
    const end = this.#offset + length;
    if (end > this.buffer.length) throw new CorruptFrameError('frame ends inside a string');
    const value = this.buffer.toString('utf8', this.#offset, end);
    this.#offset = end;
    return value;
  }

  get done(): boolean {
    return this.#offset >= this.buffer.length;
  }
}

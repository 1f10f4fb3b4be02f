/**
 * The files and environment variables a cluster's connection is built from, read once
 * each and remembered, so that a later reading can tell cheaply whether any of them
 * changed (a secret or certificate rotated on disk) before anything is rebuilt.
 */
import fs from 'node:fs';

export type Env = Record<string, string | undefined>;

/** A file's bytes, or the error code it could not be read with. */
type FileReading = { bytes: Buffer } | { errorCode: string };

export class ConfigInputs {
  readonly #env: Env;
  readonly #files = new Map<string, FileReading>();
  readonly #variables = new Map<string, string | undefined>();

  constructor(env: Env) {
    this.#env = env;
  }

  /** The file's bytes; throws the read error (with its code) when it cannot be read. */
  file(path: string): Buffer {
    let reading = this.#files.get(path);
    if (!reading) {
      try {
        reading = { bytes: fs.readFileSync(path) };
      } catch (error) {
        reading = { errorCode: (error as NodeJS.ErrnoException).code ?? 'error' };
      }
      this.#files.set(path, reading);
    }
    if ('errorCode' in reading) throw Object.assign(new Error(reading.errorCode), { code: reading.errorCode });
    return reading.bytes;
  }

  variable(name: string): string | undefined {
    if (!this.#variables.has(name)) this.#variables.set(name, this.#env[name]);
    return this.#variables.get(name);
  }

  /** A fresh reading of every file and variable this one read (files failing to read included). */
  reread(): ConfigInputs {
    const fresh = new ConfigInputs(this.#env);
    for (const path of this.#files.keys()) {
      try {
        fresh.file(path);
      } catch {
        // Remembered in `fresh` with its code: a file that went missing is a change.
      }
    }
    for (const name of this.#variables.keys()) fresh.variable(name);
    return fresh;
  }

  /** Did both read the same files and variables with the same contents? */
  sameAs(other: ConfigInputs): boolean {
    if (this.#files.size !== other.#files.size || this.#variables.size !== other.#variables.size) return false;
    for (const [path, reading] of this.#files) {
      const theirs = other.#files.get(path);
      if (!theirs || !sameReading(reading, theirs)) return false;
    }
    for (const [name, value] of this.#variables) {
      if (!other.#variables.has(name) || other.#variables.get(name) !== value) return false;
    }
    return true;
  }
}

function sameReading(a: FileReading, b: FileReading): boolean {
  if ('bytes' in a) return 'bytes' in b && a.bytes.equals(b.bytes);
  return 'errorCode' in b && a.errorCode === b.errorCode;
}

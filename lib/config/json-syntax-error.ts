/**
 * Where a JSON text first breaks the grammar, and why. JSON.parse's messages give no
 * position for some errors ("Unexpected token") and quote the text around the error,
 * which in a config file may be a password: this says where, in words of its own.
 */

export interface SyntaxErrorAt {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units (characters, for text outside the astral planes). */
  column: number;
  reason: string;
}

class Stop {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;
const EXPECTED_VALUE = 'expected a value (a string in double quotes, a number, true, false, null, { or [)';

/** A recursive-descent reading that throws a Stop at the first character the grammar does not allow. */
class JsonScanner {
  i = 0;
  constructor(private readonly text: string) {}

  stop(reason: string): never {
    throw new Stop(this.i, this.i >= this.text.length ? 'unexpected end of file' : reason);
  }

  /** Moves past a sticky regex's match at the current offset; false when it does not match. */
  private take(pattern: RegExp): boolean {
    pattern.lastIndex = this.i;
    if (!pattern.test(this.text)) return false;
    this.i = pattern.lastIndex;
    return true;
  }

  skipSpace(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i])) this.i++;
  }

  value(): void {
    this.skipSpace();
    const ch = this.text[this.i];
    if (ch === '{') return this.members('}', () => this.member());
    if (ch === '[') return this.members(']', () => this.value());
    if (ch === '"') return this.string();
    if (this.take(NUMBER)) return;
    const word = ['true', 'false', 'null'].find((w) => this.text.startsWith(w, this.i));
    if (word) return void (this.i += word.length);
    if (ch === '-') {
      this.i++;
      this.stop("expected a digit after '-'");
    }
    this.stop(EXPECTED_VALUE);
  }

  private member(): void {
    if (this.text[this.i] !== '"') this.stop('expected a property name in double quotes');
    this.string();
    this.skipSpace();
    if (this.text[this.i] !== ':') this.stop("expected ':' after the property name");
    this.i++;
    this.value();
  }

  /** An object's members or an array's elements, separated by commas; no comma before the end. */
  private members(end: '}' | ']', member: () => void): void {
    this.i++;
    this.skipSpace();
    if (this.text[this.i] === end) return void this.i++;
    for (;;) {
      this.skipSpace();
      member();
      this.skipSpace();
      if (this.text[this.i] === end) return void this.i++;
      if (this.text[this.i] !== ',') this.stop(`expected ',' or '${end}'`);
      this.i++;
      this.skipSpace();
      if (this.text[this.i] === end) this.stop(`a trailing comma before '${end}'`);
    }
  }

  private string(): void {
    this.i++;
    for (;;) {
      const ch = this.text[this.i];
      if (ch === undefined) this.stop('unterminated string');
      if (ch === '"') return void this.i++;
      if (ch < ' ') this.stop('line break or control character inside a string (write \\n or \\t)');
      if (ch !== '\\') this.i++;
      else if (!this.take(ESCAPE)) {
        this.i++;
        this.stop('bad escape in a string');
      }
    }
  }
}

/** The first syntax error in `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): SyntaxErrorAt | null {
  const scanner = new JsonScanner(text);
  try {
    scanner.value();
    scanner.skipSpace();
    if (scanner.i < text.length) scanner.stop('more text after the end of the JSON value');
    return null;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    const before = text.slice(0, error.offset);
    return { line: before.split('\n').length, column: error.offset - before.lastIndexOf('\n'), reason: error.reason };
  }
}

/**
 * A record's key or value as a short preview: text when the bytes are UTF-8 without
 * control characters, else hex. Redaction patterns run over the whole value before it is
 * cut, so a secret that straddles the cut is still found; in hex they run over the bytes
 * read as Latin-1 (one character per byte), so ASCII secrets inside binary are found too.
 */

export const REDACTED = '[redacted]';
/** How a redacted byte reads in a hex preview. */
export const REDACTED_BYTE = '**';

export interface PreviewOptions {
  maxBytes: number;
  /** Regular expression sources, matched case-insensitively. */
  redact: readonly string[];
}

export interface BytesPreview {
  encoding: 'text' | 'hex';
  text: string;
  /** The bytes there are; the preview shows at most `maxBytes` of them. */
  totalBytes: number;
  truncated: boolean;
  /** How many matches of the redaction patterns were replaced. */
  redactions: number;
}

/** The part of a value the patterns look at: a secret can straddle the cut, not run on for ever. */
const REDACTION_WINDOW = 4096;

// Tab, line feed and carriage return are fine in text; other C0 controls and DEL mean binary.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function asText(bytes: Buffer): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return CONTROL.test(text) ? null : text;
  } catch {
    return null;
  }
}

const patterns = (sources: readonly string[]) => sources.map((source) => new RegExp(source, 'gi'));

/** Spans [start, end) of every match in `text`. */
function matches(text: string, sources: readonly string[]): [number, number][] {
  const spans: [number, number][] = [];
  for (const pattern of patterns(sources)) {
    for (const match of text.matchAll(pattern)) {
      if (match[0].length > 0) spans.push([match.index, match.index + match[0].length]);
    }
  }
  return spans;
}

function textPreview(text: string, totalBytes: number, options: PreviewOptions): BytesPreview {
  const spans = matches(text, options.redact).sort((a, b) => a[0] - b[0]);
  let redacted = '';
  let at = 0;
  let redactions = 0;
  for (const [start, end] of spans) {
    if (end <= at) continue;
    redacted += text.slice(at, Math.max(at, start)) + REDACTED;
    at = end;
    redactions++;
  }
  redacted += text.slice(at);
  // Cut by bytes, never inside a character.
  const encoded = Buffer.from(redacted, 'utf8');
  const cut = encoded.length > options.maxBytes;
  const shown = cut ? new TextDecoder().decode(encoded.subarray(0, options.maxBytes)).replace(/\uFFFD$/, '') : redacted;
  return { encoding: 'text', text: shown, totalBytes, truncated: cut || totalBytes > REDACTION_WINDOW, redactions };
}

function hexPreview(bytes: Buffer, totalBytes: number, options: PreviewOptions): BytesPreview {
  const hidden = new Uint8Array(bytes.length);
  const spans = matches(bytes.toString('latin1'), options.redact);
  for (const [start, end] of spans) hidden.fill(1, start, end);
  const shown = Math.min(bytes.length, options.maxBytes);
  const pairs: string[] = [];
  for (let i = 0; i < shown; i++) pairs.push(hidden[i] ? REDACTED_BYTE : bytes[i].toString(16).padStart(2, '0'));
  return {
    encoding: 'hex',
    text: pairs.join(' '),
    totalBytes,
    truncated: totalBytes > shown,
    redactions: spans.length,
  };
}

/** The preview of a key or value; null bytes (no key, a tombstone) have none. */
export function previewBytes(bytes: Buffer | null, options: PreviewOptions): BytesPreview | null {
  if (bytes === null) return null;
  const window = bytes.subarray(0, REDACTION_WINDOW);
  const text = asText(window) ?? (bytes.length > REDACTION_WINDOW ? asTextCutAtCharacter(window) : null);
  return text === null ? hexPreview(window, bytes.length, options) : textPreview(text, bytes.length, options);
}

/** Text whose window ends inside a multi-byte character: decoded without its last incomplete character. */
function asTextCutAtCharacter(window: Buffer): string | null {
  for (let drop = 1; drop <= 3 && drop < window.length; drop++) {
    const text = asText(window.subarray(0, window.length - drop));
    if (text !== null) return text;
  }
  return null;
}

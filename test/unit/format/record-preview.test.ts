/** Previews of keys and values: text or hex, cut at a character, redacted before the cut. */
import { describe, expect, it } from 'vitest';
import { previewBytes, REDACTED } from '@/lib/format/record-preview';

const options = { maxBytes: 32, redact: ['password=\\S+', '\\d{4}( \\d{4}){3}'] };

describe('a record preview', () => {
  it('shows UTF-8 text as text, with each match of a pattern replaced, case-insensitively', () => {
    const preview = previewBytes(Buffer.from('user=ana PASSWORD=hunter2 ok'), options);
    expect(preview).toEqual({
      encoding: 'text',
      text: `user=ana ${REDACTED} ok`,
      totalBytes: 28,
      truncated: false,
      redactions: 1,
    });
  });

  it('redacts a secret that straddles the cut, and never cuts inside a character', () => {
    // 28 bytes of text, then a card number the 32-byte cut falls inside: none of its digits show.
    const value = Buffer.from(`${'é'.repeat(14)}4111 1111 1111 1111 end`);
    const preview = previewBytes(value, options)!;
    expect(preview.text).toBe(`${'é'.repeat(14)}${REDACTED.slice(0, 4)}`);
    expect(preview).toMatchObject({ truncated: true, redactions: 1, totalBytes: value.length });
    // 33 bytes: the cut would split the last two-byte character, so it stops before it.
    expect(previewBytes(Buffer.from(`x${'é'.repeat(16)}`), options)!.text).toBe(`x${'é'.repeat(15)}`);
  });

  it('shows binary as hex, with the bytes of an ASCII secret inside it hidden', () => {
    const value = Buffer.concat([Buffer.from([0, 1, 0xff]), Buffer.from('password=x'), Buffer.from([0x0a])]);
    const preview = previewBytes(value, options)!;
    expect(preview.encoding).toBe('hex');
    expect(preview.text).toBe(`00 01 ff ${Array(10).fill('**').join(' ')} 0a`);
    expect(preview).toMatchObject({ truncated: false, redactions: 1, totalBytes: 14 });
    const long = previewBytes(Buffer.alloc(40, 0x01), options)!;
    expect(long.text.split(' ')).toHaveLength(32);
    expect(long.truncated).toBe(true);
  });

  it('has nothing for a missing key or a tombstone, and an empty text for empty bytes', () => {
    expect(previewBytes(null, options)).toBeNull();
    expect(previewBytes(Buffer.alloc(0), options)).toMatchObject({ encoding: 'text', text: '', totalBytes: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from '@/lib/config/json-syntax-error';

/** The offset JSON.parse names ("… in JSON at position N"), or null when its message has none. */
function v8Offset(text: string): number | null {
  try {
    JSON.parse(text);
  } catch (error) {
    const match = /at position (\d+)/.exec((error as Error).message);
    return match ? Number(match[1]) : null;
  }
  throw new Error(`${text} is valid JSON`);
}

/** Line and column (1-based) of an offset. */
function lineColumn(text: string, offset: number) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

const BROKEN = [
  '{"a":1,}',
  '{a:1}',
  '{"a" 1}',
  '{"a":1} x',
  '{"a":"b\nc"}',
  '{"a":1\n,\n"b":}',
  '[1,\n  2,\n  ]',
  '{"a": "\\x"}',
  '{"a": 01}',
  '{"a": tru}',
  '{"a": [1 2]}',
  '{"a": -}',
  '\n\n  {"clusters": [ {"id": "x"} }',
];

describe('findJsonSyntaxError', () => {
  it('finds nothing in valid JSON', () => {
    for (const text of ['{}', '[]', ' 0 ', '{"a":[1,-2.5e3,true,false,null,"\\u00e9\\n"],"b":{}}', '"x"']) {
      expect(findJsonSyntaxError(text), text).toBeNull();
    }
  });

  it('puts the error where JSON.parse does, whenever JSON.parse says where', () => {
    let compared = 0;
    for (const text of BROKEN) {
      const found = findJsonSyntaxError(text);
      expect(found, text).not.toBeNull();
      const offset = v8Offset(text);
      if (offset === null) continue;
      compared++;
      expect({ line: found?.line, column: found?.column }, text).toEqual(lineColumn(text, offset));
    }
    expect(compared).toBeGreaterThanOrEqual(5);
  });

  it('places and explains the errors JSON.parse gives no position for', () => {
    expect(findJsonSyntaxError('{"clusters": [')).toEqual({ line: 1, column: 15, reason: 'unexpected end of file' });
    expect(findJsonSyntaxError('{\n  "a": [1,,2]\n}')).toEqual({
      line: 2,
      column: 11,
      reason: 'expected a value (a string in double quotes, a number, true, false, null, { or [)',
    });
    expect(findJsonSyntaxError('{"a": "open')).toEqual({ line: 1, column: 12, reason: 'unexpected end of file' });
  });

  it('says what was expected', () => {
    expect(findJsonSyntaxError('{"a" 1}')?.reason).toBe("expected ':' after the property name");
    expect(findJsonSyntaxError('{"a": [1 2]}')?.reason).toBe("expected ',' or ']'");
    expect(findJsonSyntaxError("{'a': 1}")?.reason).toBe('expected a property name in double quotes');
    expect(findJsonSyntaxError('{"a":"b\nc"}')?.reason).toBe(
      'line break or control character inside a string (write \\n or \\t)',
    );
    expect(findJsonSyntaxError('{"a": "\\x"}')?.reason).toBe('bad escape in a string');
    expect(findJsonSyntaxError('{} {}')?.reason).toBe('more text after the end of the JSON value');
  });
});

import { describe, expect, it } from 'vitest';
import { toPostgresSql } from '@/lib/history/postgres/postgres-database';

describe('toPostgresSql', () => {
  it('numbers positional parameters in order', () => {
    expect(toPostgresSql('SELECT * FROM t WHERE a = ? AND b < ? LIMIT ?')).toEqual({
      text: 'SELECT * FROM t WHERE a = $1 AND b < $2 LIMIT $3',
      names: null,
    });
  });

  it('gives each name one number, however often it is used', () => {
    expect(
      toPostgresSql('DELETE FROM f WHERE c = @cluster AND t < @cutoff AND k IN (SELECT k WHERE c = @cluster)'),
    ).toEqual({
      text: 'DELETE FROM f WHERE c = $1 AND t < $2 AND k IN (SELECT k WHERE c = $1)',
      names: ['cluster', 'cutoff'],
    });
  });

  it('leaves question marks and at signs inside strings and quoted names alone', () => {
    expect(toPostgresSql(`SELECT 'who? @me' AS "what?", x FROM t WHERE y = ?`)).toEqual({
      text: `SELECT 'who? @me' AS "what?", x FROM t WHERE y = $1`,
      names: null,
    });
  });

  it('refuses a statement mixing both kinds', () => {
    expect(() => toPostgresSql('SELECT ? , @a')).toThrow(/mixed/);
  });
});

import { describe, expect, it } from 'vitest';
import { formatBytes, peerTable, type PeerResult } from '../../../../scripts/bench/peers/peer-table';

const row = (overrides: Partial<PeerResult>): PeerResult => ({
  name: 'Watermark',
  cpuSecondsPerCycle: [0.5, 0.25],
  peakRssBytes: 200 * 1024 * 1024,
  scrapeBytes: 1536,
  scrapeSeries: 12_345,
  kafkaRequestsPerCycle: 21.5,
  ...overrides,
});

describe('formatBytes', () => {
  it('uses bytes below 1 KiB and binary units with one decimal above', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(200 * 1024 * 1024)).toBe('200.0 MiB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GiB');
  });
});

describe('peerTable', () => {
  const text = peerTable([row({}), row({ name: 'Burrow 1.9.5', kafkaRequestsPerCycle: null, scrapeSeries: 7 })]);
  const lines = text.split('\n');

  it('has a header, a rule and one line per poller', () => {
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^poller\s+CPU s\/cycle, 1st half\s+CPU s\/cycle, 2nd half\s+peak RSS/);
    expect(lines[1]).toMatch(/^-+( +-+){6}$/);
  });

  it('writes CPU to the millisecond, sizes in binary units and series with separators', () => {
    expect(lines[2].split(/\s{2,}/)).toEqual(['Watermark', '0.500', '0.250', '200.0 MiB', '1.5 KiB', '12,345', '21.5']);
  });

  it('says "not measured" where a poller does not count its requests', () => {
    expect(lines[3].trimEnd().endsWith('not measured')).toBe(true);
  });

  it('right-aligns the numbers under their headers', () => {
    const end = (line: string, cell: string) => line.indexOf(cell) + cell.length;
    expect(end(lines[2], '12,345')).toBe(end(lines[0], 'series'));
    expect(end(lines[3], '7')).toBe(end(lines[0], 'series'));
  });
});

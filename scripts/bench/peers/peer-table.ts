/**
 * The result of `npm run bench:peers`: one row per poller, measured over the same window.
 */

export interface PeerResult {
  name: string;
  /** CPU seconds per cycle (user + system, children included) in the first and second half of the window. */
  cpuSecondsPerCycle: [number, number];
  peakRssBytes: number;
  scrapeBytes: number;
  scrapeSeries: number;
  /** Kafka requests per cycle; null where the tool does not count them. */
  kafkaRequestsPerCycle: number | null;
}

const HEADERS = [
  'poller',
  'CPU s/cycle, 1st half',
  'CPU s/cycle, 2nd half',
  'peak RSS',
  'one scrape',
  'series',
  'Kafka requests/cycle',
];

/** Bytes in binary units with one decimal: 1536 → "1.5 KiB"; below 1 KiB in bytes. */
export function formatBytes(bytes: number): string {
  const units = ['KiB', 'MiB', 'GiB'];
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

function cells(row: PeerResult): string[] {
  return [
    row.name,
    row.cpuSecondsPerCycle[0].toFixed(3),
    row.cpuSecondsPerCycle[1].toFixed(3),
    formatBytes(row.peakRssBytes),
    formatBytes(row.scrapeBytes),
    row.scrapeSeries.toLocaleString('en-US'),
    row.kafkaRequestsPerCycle === null ? 'not measured' : row.kafkaRequestsPerCycle.toFixed(1),
  ];
}

/** A plain-text table: names left-aligned, numbers right-aligned, columns as wide as their widest cell. */
export function peerTable(rows: PeerResult[]): string {
  const table = [HEADERS, ...rows.map(cells)];
  const widths = HEADERS.map((_, c) => Math.max(...table.map((line) => line[c].length)));
  const format = (line: string[]) =>
    line
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [format(HEADERS), rule, ...table.slice(1).map(format)].join('\n');
}

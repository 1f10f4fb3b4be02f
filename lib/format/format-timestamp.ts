/**
 * Absolute times in text, for alerts pasted into an incident channel, where "3m ago"
 * means nothing an hour later: ISO-like and with the zone, "2026-12-02 00:15:46 UTC".
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
      timeZone,
    });
    formats.set(key, format);
  }
  return format;
}

/**
 * Epoch ms as "2026-12-02 00:15:46 UTC" in `timeZone` (the runtime's own when omitted);
 * outside UTC the offset follows, "2026-12-02 01:15:46 UTC+01:00", so the text is exact
 * wherever it is read. `seconds: false` leaves the seconds out.
 */
export function formatTimestamp(ms: number, timeZone?: string, { seconds = true } = {}): string {
  const parts = Object.fromEntries(
    formatIn(timeZone)
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  // longOffset reads "GMT+01:00"; at zero "GMT" or "GMT+00:00", depending on the runtime.
  const zone = parts.timeZoneName.replace(/^GMT/, 'UTC').replace(/^UTC[+-]00:00$/, 'UTC');
  const time = seconds ? `${parts.hour}:${parts.minute}:${parts.second}` : `${parts.hour}:${parts.minute}`;
  return `${parts.year}-${parts.month}-${parts.day} ${time} ${zone}`;
}

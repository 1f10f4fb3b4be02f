import { describe, expect, it } from 'vitest';
import { FailureLog } from '@/lib/collector/failure-log';

describe('FailureLog', () => {
  it('logs a failure once when it starts and once when it ends, with request, version and broker', () => {
    const lines: string[] = [];
    const log = new FailureLog('prod', (line) => lines.push(line));
    const closed = { operation: 'ListOffsets', broker: 2, message: 'Connection closed', version: 6 };
    log.update([closed]);
    log.update([closed]);
    log.update([{ ...closed, message: 'Connection closed again' }]);
    expect(lines).toEqual(['[watermark] cluster prod: ListOffsets v6 on broker 2 failing: Connection closed']);
    log.update([]);
    expect(lines[1]).toBe('[watermark] cluster prod: ListOffsets v6 on broker 2 works again');
    expect(lines).toHaveLength(2);
  });

  it('says "not served" for a request the broker does not serve', () => {
    const lines: string[] = [];
    new FailureLog('old', (line) => lines.push(line)).update([
      { operation: 'ConsumerGroupDescribe', broker: 1, message: 'needs Kafka 3.7', notServed: true },
    ]);
    expect(lines).toEqual(['[watermark] cluster old: ConsumerGroupDescribe on broker 1 not served: needs Kafka 3.7']);
  });
});

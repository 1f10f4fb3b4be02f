import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lastErrorLines } from '../../../scripts/kafka/readiness';

const dirs: string[] = [];

function logsDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-logs-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('lastErrorLines', () => {
  it('picks the errors and exception messages a node logged before exiting', () => {
    const dir = logsDir({
      'server.log': [
        '[2026-12-02 02:30:40,001] INFO Registered broker 3 (kafka.server.BrokerServer)',
        '[2026-12-02 02:30:41,002] ERROR [BrokerServer id=3] Fatal error during broker startup. Prepare to shutdown (kafka.server.BrokerServer)',
        'org.apache.kafka.common.KafkaException: Socket server failed to bind to 127.0.0.1:19114: Address already in use.',
        '\tat kafka.network.Acceptor.openServerSocket(SocketServer.scala:734)',
      ].join('\n'),
      'stdout.log': 'java.net.BindException: Address already in use\n',
    });
    expect(lastErrorLines(dir)).toEqual([
      '[2026-12-02 02:30:41,002] ERROR [BrokerServer id=3] Fatal error during broker startup. Prepare to shutdown (kafka.server.BrokerServer)',
      'org.apache.kafka.common.KafkaException: Socket server failed to bind to 127.0.0.1:19114: Address already in use.',
      'java.net.BindException: Address already in use',
    ]);
  });

  it('keeps the last five, without repeats, and reads only the end of a long log', () => {
    const early = '[x] ERROR an early error far back in the log';
    const filler = '[x] INFO filler line that pads the log well past the tail that is read\n'.repeat(2000);
    const errors = Array.from({ length: 7 }, (_, i) => `[x] ERROR failure ${i}`);
    const dir = logsDir({ 'server.log': [early, filler, ...errors, errors[6]].join('\n') });
    expect(lastErrorLines(dir)).toEqual(errors.slice(2));
  });

  it('says nothing when the logs are missing', () => {
    expect(lastErrorLines(path.join(os.tmpdir(), 'no-such-node-logs'))).toEqual([]);
  });
});

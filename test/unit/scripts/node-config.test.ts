import { describe, expect, it } from 'vitest';
import { serverProperties } from '../../../scripts/kafka/node-config';

function parse(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .trim()
      .split('\n')
      .map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]),
  );
}

describe('serverProperties', () => {
  it('gives each node its own client and controller port and the same three voters', () => {
    const nodes = [1, 2, 3].map((id) => parse(serverProperties('4.4.0', id)));
    expect(nodes.map((n) => n.listeners)).toEqual([
      'PLAINTEXT://127.0.0.1:19092,SASL_SSL://127.0.0.1:19102,MTLS://127.0.0.1:19112,CONTROLLER://127.0.0.1:29092',
      'PLAINTEXT://127.0.0.1:19093,SASL_SSL://127.0.0.1:19103,MTLS://127.0.0.1:19113,CONTROLLER://127.0.0.1:29093',
      'PLAINTEXT://127.0.0.1:19094,SASL_SSL://127.0.0.1:19104,MTLS://127.0.0.1:19114,CONTROLLER://127.0.0.1:29094',
    ]);
    expect(new Set(nodes.map((n) => n['controller.quorum.voters'])).size).toBe(1);
    expect(nodes[0]['controller.quorum.voters']).toBe('1@127.0.0.1:29092,2@127.0.0.1:29093,3@127.0.0.1:29094');
  });

  it('replicates internal topics three times and requires two in-sync replicas', () => {
    const node = parse(serverProperties('4.4.0', 1));
    expect(node['offsets.topic.replication.factor']).toBe('3');
    expect(node['transaction.state.log.replication.factor']).toBe('3');
    expect(node['min.insync.replicas']).toBe('2');
  });

  it('adds the secured listeners and an authorizer on KRaft 3.9 and later only, PLAINTEXT staying a super user', () => {
    const node = parse(serverProperties('4.4.0', 1));
    expect(node['listener.security.protocol.map']).toBe(
      'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL,MTLS:SSL',
    );
    expect(node['listener.name.mtls.ssl.client.auth']).toBe('required');
    expect(node['super.users']).toMatch(/^User:ANONYMOUS;/);
    const old = parse(serverProperties('3.6.2', 1));
    expect(old.listeners).toBe('PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:29092');
    expect(old['authorizer.class.name']).toBeUndefined();
    const zooKeeper = parse(serverProperties('3.9.1', 1, { mode: 'zookeeper', portOffset: 100 }));
    expect(zooKeeper.listeners).toBe('PLAINTEXT://127.0.0.1:19192');
  });

  it('keeps each node in its own data folder', () => {
    const dirs = [1, 2, 3].map((id) => parse(serverProperties('4.4.0', id))['log.dirs']);
    expect(new Set(dirs).size).toBe(3);
    expect(dirs[1]).toMatch(/4\.4\.0[/\\]node-2[/\\]data$/);
  });
});

/**
 * The local cluster's secured listeners, as tests use them: SCRAM users and ACLs are
 * set up over PLAINTEXT (a super user there), then Watermark connects over SASL_SSL or
 * mutual TLS like it would to a production cluster.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { alterUserScramCredentialsV0, ConnectionPool } from '@platformatic/kafka';
import { tlsFiles } from '../../scripts/kafka/certificates';
import { localCluster, mtlsPort, NODE_IDS, saslSslPort } from '../../scripts/kafka/layout';
import { LOCAL_BROKERS, testKafka } from './local-cluster';

export { tlsFiles };

const cluster = localCluster();
export const SASL_SSL_BROKERS = NODE_IDS.map((id) => `127.0.0.1:${saslSslPort(cluster, id)}`);
export const MTLS_BROKERS = NODE_IDS.map((id) => `127.0.0.1:${mtlsPort(cluster, id)}`);

const MECHANISMS = {
  'SCRAM-SHA-256': { code: 1, hash: 'sha256', bytes: 32 },
  'SCRAM-SHA-512': { code: 2, hash: 'sha512', bytes: 64 },
};
export type ScramMechanism = keyof typeof MECHANISMS;

/** Creates the SCRAM user, or changes its password (what a password rotation does on the broker side). */
export async function setScramPassword(
  user: string,
  password: string,
  mechanism: ScramMechanism = 'SCRAM-SHA-512',
): Promise<void> {
  const { code, hash, bytes } = MECHANISMS[mechanism];
  const salt = crypto.randomBytes(24);
  const iterations = 4096;
  const saltedPassword = crypto.pbkdf2Sync(password, salt, iterations, bytes, hash);
  const pool = new ConnectionPool('watermark-tests', {});
  try {
    const [host, port] = LOCAL_BROKERS[0].split(':');
    const connection = await pool.get({ host, port: Number(port) });
    const response = await alterUserScramCredentialsV0.api.async(
      connection,
      [],
      [{ name: user, mechanism: code, iterations, salt, saltedPassword }],
    );
    const failed = response.results.find((r) => r.errorCode !== 0);
    if (failed) throw new Error(`creating SCRAM user ${user}: error ${failed.errorCode} ${failed.errorMessage ?? ''}`);
  } finally {
    await pool.close();
  }
  await untilSignInWorks(user, password, mechanism);
}

/**
 * Brokers apply a credential change from the metadata log a moment after it is accepted:
 * waits until every broker's SASL_SSL listener takes the new password, so a test that
 * changes it next sees the old one refused everywhere.
 */
async function untilSignInWorks(user: string, password: string, mechanism: ScramMechanism): Promise<void> {
  const deadline = Date.now() + 15_000;
  const ca = fs.readFileSync(tlsFiles.ca, 'utf8');
  for (const address of SASL_SSL_BROKERS) {
    const [host, port] = address.split(':');
    for (;;) {
      const pool = new ConnectionPool('watermark-tests', {
        tls: { ca },
        sasl: { mechanism, username: user, password },
      });
      try {
        await pool.get({ host, port: Number(port) });
        break;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`${user} cannot sign in on ${address}: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      } finally {
        await pool.close();
      }
    }
  }
}

export type Permission =
  | { resource: 'cluster'; operation: 'DESCRIBE' | 'DESCRIBE_CONFIGS' }
  | { resource: 'topic' | 'group'; name?: string; operation: 'DESCRIBE' | 'DESCRIBE_CONFIGS' | 'READ' };

/** Allows `principal` (e.g. User:alice) each operation; a topic or group without a name means every one. */
export async function grant(principal: string, permissions: Permission[]): Promise<void> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    await admin.createAcls({
      acl: permissions.map((p) => ({
        resourceType: {
          cluster: AclResourceTypes.CLUSTER,
          topic: AclResourceTypes.TOPIC,
          group: AclResourceTypes.GROUP,
        }[p.resource],
        resourceName: p.resource === 'cluster' ? 'kafka-cluster' : (p.name ?? '*'),
        resourcePatternType: ResourcePatternTypes.LITERAL,
        principal,
        host: '*',
        operation: AclOperationTypes[p.operation],
        permissionType: AclPermissionTypes.ALLOW,
      })),
    });
  } finally {
    await admin.disconnect();
  }
}

/** The read-only set README documents, optionally without some of it. */
export function minimalPermissions(options: { read?: boolean } = {}): Permission[] {
  return [
    { resource: 'cluster', operation: 'DESCRIBE' },
    { resource: 'topic', operation: 'DESCRIBE' },
    { resource: 'topic', operation: 'DESCRIBE_CONFIGS' },
    { resource: 'group', operation: 'DESCRIBE' },
    ...(options.read ? [{ resource: 'topic', operation: 'READ' } as const] : []),
  ];
}

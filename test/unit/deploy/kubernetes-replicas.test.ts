/**
 * deploy/kubernetes/watermark-replicas.yaml, read as Kubernetes would read it and checked
 * against the app: a config with history in PostgreSQL that Watermark's own schema accepts,
 * every secret it names set, each pod named after itself, no volume to share.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseConfigText } from '@/lib/config/load-config';

const FILE = path.resolve(__dirname, '..', '..', '..', 'deploy', 'kubernetes', 'watermark-replicas.yaml');

interface Resource {
  kind: string;
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { fieldRef?: { fieldPath: string }; secretKeyRef?: { name: string; key: string } };
}
interface PodSpec {
  containers: { env: EnvVar[]; volumeMounts: { name: string; mountPath: string }[] }[];
  volumes: { name: string; persistentVolumeClaim?: unknown }[];
}

const documents = parseAllDocuments(fs.readFileSync(FILE, 'utf8'));
const resources = documents.map((d) => d.toJS() as Resource);
const byKind = (kind: string) => resources.filter((r) => r.kind === kind);
const deployment = byKind('Deployment')[0];
const podSpec = (deployment.spec as { template: { spec: PodSpec } }).template.spec;
const container = podSpec.containers[0];
const env = (name: string) => container.env.find((e) => e.name === name);
const config = parseConfigText(byKind('ConfigMap')[0].data!['watermark.yaml'], 'watermark.yaml');

describe('the Kubernetes example with several replicas', () => {
  it('is valid YAML with a ConfigMap, a Deployment of several pods and a Service, and no volume claim', () => {
    expect(documents.flatMap((d) => d.errors)).toEqual([]);
    expect(resources.map((r) => r.kind)).toEqual(['ConfigMap', 'Deployment', 'Service']);
    expect(deployment.spec!.replicas).toBeGreaterThan(1);
    expect(podSpec.volumes.filter((v) => v.persistentVolumeClaim)).toEqual([]);
    expect(env('WATERMARK_DATA_DIR')).toBeUndefined();
  });

  it('keeps the history in PostgreSQL, its URL from a Secret, and names each replica after its pod', () => {
    const url = config.history.postgres?.url as { env?: string } | undefined;
    expect(url?.env).toBe('WATERMARK_HISTORY_URL');
    expect(env(url!.env!)?.valueFrom?.secretKeyRef).toMatchObject({ name: 'watermark-postgres', key: 'url' });
    expect(env('WATERMARK_REPLICA_ID')?.valueFrom?.fieldRef?.fieldPath).toBe('metadata.name');
    // A takeover within two poll intervals needs a lease well under one.
    for (const cluster of config.clusters)
      expect(config.history.postgres!.leaseTtlMs).toBeLessThan(cluster.pollIntervalMs);
  });

  it('sets every secret the clusters name and mounts every file they name', () => {
    for (const cluster of config.clusters) {
      const password = (cluster.sasl?.password as { env?: string } | undefined)?.env;
      if (password) expect(env(password)?.valueFrom?.secretKeyRef?.key).toBe('password');
      const caFile = (cluster.tls as { caFile?: string } | undefined)?.caFile;
      if (caFile) expect(container.volumeMounts.some((m) => caFile.startsWith(`${m.mountPath}/`))).toBe(true);
    }
  });
});

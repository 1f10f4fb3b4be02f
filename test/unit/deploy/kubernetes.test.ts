/**
 * deploy/kubernetes/watermark.yaml, read as Kubernetes would read it and checked against
 * the app: its config passes Watermark's own schema, every secret the config names is set,
 * every file it names is mounted, the probes hit real routes, and one replica owns the
 * history volume.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseConfigText } from '@/lib/config/load-config';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const FILE = path.join(ROOT, 'deploy', 'kubernetes', 'watermark.yaml');

interface Resource {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}
interface Container {
  image: string;
  ports: { name: string; containerPort: number }[];
  env: { name: string; value?: string; valueFrom?: unknown }[];
  volumeMounts: { name: string; mountPath: string }[];
  livenessProbe: { httpGet: { path: string; port: string } };
  readinessProbe: { httpGet: { path: string; port: string } };
}

const documents = parseAllDocuments(fs.readFileSync(FILE, 'utf8'));
const resources = documents.map((d) => d.toJS() as Resource);
const byKind = (kind: string) => resources.filter((r) => r.kind === kind);
const deployment = byKind('Deployment')[0];
const podSpec = (deployment.spec as { template: { spec: Record<string, unknown> } }).template.spec as {
  containers: Container[];
  volumes: { name: string; persistentVolumeClaim?: { claimName: string }; configMap?: { name: string } }[];
};
const container = podSpec.containers[0];
const env = (name: string) => container.env.find((e) => e.name === name);
const configText = byKind('ConfigMap')[0].data!['watermark.yaml'];

describe('the Kubernetes example', () => {
  it('is valid YAML with a ConfigMap, a volume claim, a Deployment and a Service', () => {
    expect(documents.flatMap((d) => d.errors)).toEqual([]);
    expect(resources.map((r) => r.kind)).toEqual(['ConfigMap', 'PersistentVolumeClaim', 'Deployment', 'Service']);
  });

  it('runs one replica, replaced by stopping the old one first: one owner of the history database', () => {
    expect(deployment.spec).toMatchObject({ replicas: 1, strategy: { type: 'Recreate' } });
    const data = container.volumeMounts.find((m) => m.mountPath === env('WATERMARK_DATA_DIR')?.value);
    const volume = podSpec.volumes.find((v) => v.name === data?.name);
    expect(volume?.persistentVolumeClaim?.claimName).toBe(byKind('PersistentVolumeClaim')[0].metadata.name);
  });

  it("holds a config Watermark's own schema accepts, mounted where WATERMARK_CONFIG points", () => {
    const config = parseConfigText(configText, 'watermark.yaml');
    expect(config.clusters.map((c) => c.id)).toEqual(['prod']);
    const configMount = container.volumeMounts.find((m) =>
      env('WATERMARK_CONFIG')?.value?.startsWith(`${m.mountPath}/`),
    );
    expect(podSpec.volumes.find((v) => v.name === configMount?.name)?.configMap?.name).toBe('watermark');
    expect(path.basename(env('WATERMARK_CONFIG')!.value!)).toBe('watermark.yaml');
  });

  it('sets every environment variable the config names and mounts every file it names', () => {
    const config = parseConfigText(configText, 'watermark.yaml');
    const cluster = config.clusters[0];
    const password = cluster.sasl!.password as { env?: string };
    expect(env(password.env!)?.valueFrom).toMatchObject({ secretKeyRef: { key: 'password' } });
    const caFile = (cluster.tls as { caFile: string }).caFile;
    expect(container.volumeMounts.some((m) => caFile.startsWith(`${m.mountPath}/`))).toBe(true);
  });

  it("listens on every address, not on the pod's name Kubernetes puts in HOSTNAME", () => {
    // Next.js's standalone server binds to HOSTNAME; the pod's name resolves to the pod IP only.
    expect(env('HOSTNAME')?.value).toBe('0.0.0.0');
  });

  it("probes Watermark's liveness and readiness routes on the port it listens on", () => {
    const routeFile = (urlPath: string) => path.join(ROOT, 'app', ...urlPath.split('/').filter(Boolean), 'route.ts');
    expect(container.livenessProbe.httpGet.path).toBe('/api/health/live');
    expect(container.readinessProbe.httpGet.path).toBe('/api/health');
    for (const probe of [container.livenessProbe, container.readinessProbe]) {
      expect(fs.existsSync(routeFile(probe.httpGet.path)), probe.httpGet.path).toBe(true);
      expect(container.ports.find((p) => p.name === probe.httpGet.port)?.containerPort).toBe(
        Number(env('PORT')?.value),
      );
    }
    const service = byKind('Service')[0].spec as { ports: { targetPort: string }[] };
    expect(container.ports.map((p) => p.name)).toContain(service.ports[0].targetPort);
  });
});

// GET /api/health — readiness: 200 when every cluster's last cycle succeeded recently, else 503; details (and, with several replicas, who polls which cluster) only for those signed in
import { health } from '@/lib/api/health';
import { clusterFilter, principalOf } from '@/lib/auth/request-access';
import { getHistoryOff, getReplicaStatus, getStore } from '@/lib/collector/runtime';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  const body = health(getStore().list(), getHistoryOff());
  const status = body.status === 'ready' ? 200 : 503;
  const headers = { 'Cache-Control': 'no-store' };
  // A load balancer needs only the status; cluster names and errors are for people who may see them.
  if (!principalOf(req.headers)) return Response.json({ status: body.status }, { status, headers });
  const visible = clusterFilter(req.headers);
  const replicas = getReplicaStatus();
  return Response.json(
    {
      ...body,
      clusters: body.clusters.filter((c) => visible(c.id)),
      ...(replicas ? { replicas: { ...replicas, clusters: replicas.clusters.filter((c) => visible(c.id)) } } : {}),
    },
    { status, headers },
  );
}

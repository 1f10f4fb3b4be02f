'use client';
/**
 * TanStack Query hooks over the JSON API. Keys are arrays of the path parts.
 */
import { useQuery } from '@tanstack/react-query';
import { BrokersResponse, ClustersResponse } from '../schemas';
import { fetchJson } from './fetch-json';

const REFETCH_MS = 5_000;

export const queryKeys = {
  clusters: () => ['clusters'] as const,
  brokers: (cluster: string) => ['clusters', cluster, 'brokers'] as const,
};

const encode = encodeURIComponent;

export function useClusters() {
  return useQuery({
    queryKey: queryKeys.clusters(),
    queryFn: () => fetchJson('/api/clusters', ClustersResponse),
    refetchInterval: REFETCH_MS,
  });
}

export function useBrokers(cluster: string) {
  return useQuery({
    queryKey: queryKeys.brokers(cluster),
    queryFn: () => fetchJson(`/api/clusters/${encode(cluster)}/brokers`, BrokersResponse),
    refetchInterval: REFETCH_MS,
  });
}

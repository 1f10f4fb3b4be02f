import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = { '@': fileURLToPath(new URL('.', import.meta.url)) };
/**
 * Against a real cluster the collector logs every recovery and shutdown at info: noise in
 * test output. Warnings and errors still show; LOG_LEVEL set by hand wins.
 */
const quietLogs = { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          env: quietLogs,
          globalSetup: ['test/helpers/kafka-global-setup.ts'],
          // Files share one Kafka cluster and some stop brokers: run them one at a time.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // The compatibility subset, run against each Kafka version and mode in turn
          // (KAFKA_VERSION, KAFKA_MODE, KAFKA_PORT_OFFSET select the cluster).
          name: 'compat',
          include: ['test/compat/**/*.test.ts'],
          environment: 'node',
          env: quietLogs,
          globalSetup: ['test/helpers/kafka-global-setup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 240_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.spec.ts'],
          environment: 'node',
          globalSetup: ['test/helpers/kafka-global-setup.ts', 'test/helpers/next-global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});

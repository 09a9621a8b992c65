/**
 * Starts the cluster the suites share (free ports, a temporary folder) and tells the test files
 * where it is: test/support/temporal.ts's createDevServerEnv then connects there instead of starting
 * a dev server. The cluster's own suites read the same variables.
 */
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster, type Cluster } from '../scripts/cluster-lib';

declare global {
  var dossierCluster: { cluster: Cluster; dir: string } | undefined;
}

export default async function globalSetup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-cluster-'));
  chmodSync(dir, 0o755); // PostgreSQL runs as its own user (scripts/cluster-postgres.ts) and must reach its folder inside
  const cluster = await startCluster({ dir, ports: 'free', throwaway: true });
  globalThis.dossierCluster = { cluster, dir };
  // Should jest end without its global teardown (a crash), the servers do not outlive it.
  process.once('exit', () => cluster.stopNow());
  process.env.DOSSIER_TEST_CLUSTER_ADDRESS = cluster.address;
  process.env.DOSSIER_TEST_CLUSTER_POSTGRES = cluster.postgres.url('postgres');
}

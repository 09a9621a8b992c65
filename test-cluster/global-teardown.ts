/** Stops the shared cluster (the server, then PostgreSQL) and removes its folder. */
import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const started = globalThis.dossierCluster;
  if (!started) return;
  await started.cluster.stop();
  rmSync(started.dir, { recursive: true, force: true });
}

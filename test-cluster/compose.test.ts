/**
 * docker-compose.yml runs the cluster these suites run: the server version and the frontend port of
 * cluster.env (compose cannot read them from there for image tags and published ports), the schema
 * and namespace steps and the dynamic configuration from the same files, and workers that scale.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { clusterSettings } from '../scripts/cluster-lib';

const compose = readFileSync(resolve(__dirname, '../docker-compose.yml'), 'utf8');
const settings = clusterSettings();

/** One service's block of the file (from its name to the next service). */
const service = (name: string) => new RegExp(`\\n {2}${name}:\\n((?: {4}.*\\n|\\s*\\n| {2}#.*\\n)*)`).exec(compose)?.[1] ?? '';

test('the Temporal images are those of cluster.env’s server version; no auto-setup image', () => {
  const tags = [...compose.matchAll(/image: temporalio\/(server|admin-tools|auto-setup):(\S+)/g)].map((m) => `${m[1]}:${m[2]}`);
  expect(tags.sort()).toEqual([`admin-tools:${settings.TEMPORAL_VERSION}`, `admin-tools:${settings.TEMPORAL_VERSION}`, `server:${settings.TEMPORAL_VERSION}`]);
});

test('the frontend is published on cluster.env’s port, and clients address it there', () => {
  const port = settings.FRONTEND_GRPC_PORT;
  expect(service('temporal')).toContain(`- "${port}:${port}"`);
  expect([...compose.matchAll(/TEMPORAL_ADDRESS: temporal:(\d+)/g)].map((m) => m[1])).toEqual(expect.arrayContaining([port]));
  expect([...compose.matchAll(/TEMPORAL_ADDRESS: temporal:(\d+)/g)].every((m) => m[1] === port)).toBe(true);
});

test('schema, namespace and dynamic configuration come from the files the local cluster uses', () => {
  expect(service('temporal-schema')).toContain('./scripts/cluster-schema.sh:');
  expect(service('temporal-namespace')).toContain('./scripts/cluster-namespace.sh:');
  expect(service('temporal')).toContain('./scripts/cluster-dynamicconfig.yaml:');
  for (const name of ['postgresql', 'temporal-schema', 'temporal', 'temporal-namespace', 'worker', 'web']) {
    expect([name, service(name)]).toEqual([name, expect.stringContaining('env_file: cluster.env')]);
  }
});

test('workers scale: no container name, no published port, a ledger they share', () => {
  const worker = service('worker');
  expect(worker).not.toMatch(/container_name|ports:/);
  expect(worker).toContain('DOSSIER_DATABASE_URL: postgres://');
});

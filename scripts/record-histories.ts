/**
 * `DOSSIER_HISTORY_VERSION=v3 npm run record-histories [NAME…]`: runs the scenarios of
 * test/support/scenarios.ts on the time-skipping server and writes each history to
 * test/histories/<version>/<workflow type>/<name>.json. Run it for each release that changes a
 * workflow; commit the new folder beside the old ones. It never overwrites a history: those of a
 * released version are what the replay test proves today's code against.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
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
  const version = process.env.DOSSIER_HISTORY_VERSION;
  if (!version || !/^v\d+$/.test(version)) throw new Error('DOSSIER_HISTORY_VERSION: name the release folder, e.g. v3');
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const h = await CaseHarness.start('record-histories');
  try {
    await h.withWorker(async () => {
      for (const scenario of SCENARIOS.filter((s) => !wanted.length || wanted.includes(s.name))) {
        const dir = join(ROOT, 'test/histories', version, scenario.workflowType);
        const file = join(dir, `${scenario.name}.json`);
        if (existsSync(file)) throw new Error(`${file} exists: histories of a released version are never overwritten`);
        const handle = await scenario.run(h);
        mkdirSync(dir, { recursive: true });
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

/**
 * Records the real history the timeline test reads (fixtures/NL-2026-HIST-0001.history.json), on
 * the time-skipping test server: received, evidence requested, cure period extended, reminder,
 * cure period ended, proceeding without the evidence, refusal, objection period ended. Re-record
 * after a change to the workflow's history with:  node bin/run.js test/operators/record-history.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Runtime, DefaultLogger } from '@temporalio/worker';
import { addDays } from '../../domain/calendar';
import { anApplication } from '../support/cases';
import { CaseHarness } from '../support/harness';

const RECORDED_CASE = 'NL-2026-HIST-0001';

async function record() {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const h = await CaseHarness.start('record-history');
  try {
    await h.withWorker(async () => {
      const handle = await h.startCase(anApplication({ caseNumber: RECORDED_CASE }));
      const requested = await h.act(handle, { type: 'request-evidence', missing: ['valid passport', 'proof of income'] });
      await h.env.sleep('2 days');
      await h.act(handle, { type: 'extend-cure-period', until: addDays(requested.deadlines.cure!.due, 7), reason: 'office closed after an outage', actor: { id: 'ops-0007', role: 'operator' } });
      await h.env.sleep('30 days');
      await h.act(handle, { type: 'proceed-without-evidence' });
      await h.act(handle, { type: 'refuse', grounds: ['Vb 2000 art. 3.51 lid 1 sub a: the relationship did not last three years during residence'] });
      await handle.result();
      const path = join(__dirname, 'fixtures', `${RECORDED_CASE}.history.json`);
      writeFileSync(path, JSON.stringify(JSON.parse(historyToJSON(await handle.fetchHistory())), null, 1) + '\n');
      process.stdout.write(`wrote ${path}\n`);
    });
  } finally {
    await h.close();
  }
}

record().catch((err) => {
  console.error(err);
  process.exit(1);
});

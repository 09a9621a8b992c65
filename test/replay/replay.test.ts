/**
 * Determinism across releases: today's workflow code replays every history kept in
 * test/histories/ (recorded by `npm run record-histories` from earlier versions). A change that
 * alters what a running case would do fails here with a DeterminismViolationError.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { bundleWorkflows } from '../support/temporal';
import { caseQueueSinks } from '../../platform/case-queue';

const HISTORIES = join(__dirname, '../histories');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : []));
const recorded = files(HISTORIES).map((file) => [relative(HISTORIES, file), file] as const);

let bundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  bundle = await bundleWorkflows();
}, 60_000);

test('histories are kept for every workflow type', () => {
  const types = new Set(recorded.map(([name]) => name.split('/')[1]));
  expect([...types].sort()).toEqual(['applicationWorkflow', 'permitWorkflow']);
  expect(recorded.length).toBeGreaterThanOrEqual(12);
});

test.each(recorded)('%s replays on the current code', async (_, file) => {
  const history = historyFromJSON(JSON.parse(readFileSync(file, 'utf8')));
  await expect(Worker.runReplayHistory({ workflowBundle: bundle, sinks: caseQueueSinks() }, history)).resolves.toBeUndefined();
});

/** The parts of a recorded history event (JSON) this test reads. */
interface HistoryEventJson {
  activityTaskScheduledEventAttributes?: { activityType?: { name?: string }; input: { payloads: { data: string }[] } };
  markerRecordedEventAttributes?: unknown;
}

test('a case started before the 2027 reminder policy replays under the old one: one reminder, no patch marker', () => {
  const json = JSON.parse(readFileSync(join(HISTORIES, 'v1/applicationWorkflow/cure-expired-not-processed.json'), 'utf8'));
  const events: HistoryEventJson[] = json.events;
  const notices = events
    .flatMap((e) => (e.activityTaskScheduledEventAttributes?.activityType?.name === 'sendNotice' ? [e.activityTaskScheduledEventAttributes.input] : []))
    .map((input) => JSON.parse(Buffer.from(input.payloads[0]!.data, 'base64').toString('utf8')));
  expect(notices.filter((n) => n.kind === 'cure-reminder')).toHaveLength(1);
  expect(events.some((e) => e.markerRecordedEventAttributes)).toBe(false);
  // With the 2027 policy forced on this history, replay fails (checked when the patch was written):
  // the replay test above is what keeps such a case on the policy it started under.
});

/**
 * End to end on the Temporal dev server: the operator's CLI opens and drives a case, the worker is
 * shut down while the cure period runs, and a new worker finishes the case with nothing lost.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { fileLedger, outboxMailer } from '../../activities';
import { createDossierWorker, dossierActivities } from '../../worker/worker';
import type { CaseStatus } from '../../workflows/definitions';
import { FACTS } from '../support/cases';
import { bundleWorkflows, createDevServerEnv, TEST_ENCRYPTION_ENV, testDataConverter } from '../support/temporal';
import { runCli } from '../support/cli';
import { waitFor } from '../support/wait';

const taskQueue = 'e2e-worker-restart';
let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;
const outbox = mkdtempSync(join(tmpdir(), 'dossier-outbox-'));
// The CLI encrypts every payload; the worker and this test's client share its (test) keys.
const cliEnv = () => ({ TEMPORAL_ADDRESS: env.address, TEMPORAL_TASK_QUEUE: taskQueue, ...TEST_ENCRYPTION_ENV });
const dataConverter = testDataConverter();

beforeAll(async () => {
  [env, bundle] = await Promise.all([createDevServerEnv({}, { dataConverter }), bundleWorkflows()]);
}, 120_000);

afterAll(() => env?.teardown());

function startWorker() {
  return createDossierWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    activities: dossierActivities({ client: env.client, mailer: outboxMailer(outbox, 'office@ind.example.test'), ledger: fileLedger(join(outbox, 'sent')) }),
    workflowBundle: bundle,
    dataConverter,
  }).then((worker) => ({ worker, running: worker.run() }));
}

test('a case survives its worker: submitted and evidence requested on one worker, finished on another', async () => {
  const applicationFile = join(outbox, 'application.json');
  writeFileSync(
    applicationFile,
    JSON.stringify({
      caseNumber: 'NL-2026-E2E-0001',
      contact: { name: 'Applicant Example', email: 'applicant@example.test', language: 'en' },
      facts: FACTS.nlPolicyGrants,
    }),
  );

  const first = await startWorker();
  const submitted = await runCli(['submit', applicationFile], cliEnv());
  expect(submitted.stderr).toBe('');
  expect(submitted.json()).toMatchObject({ created: true, caseNumber: 'NL-2026-E2E-0001', state: 'completenessCheck' });

  const again = await runCli(['submit', applicationFile], cliEnv());
  expect(again.json()).toMatchObject({ created: false, caseNumber: 'NL-2026-E2E-0001', state: 'completenessCheck' });

  const requested = await runCli(['act', 'NL-2026-E2E-0001', 'request-evidence', '{"missing":["valid passport"]}'], cliEnv());
  expect(requested.json()).toMatchObject({ state: 'awaitingEvidence', allowedActions: ['extend-cure-period', 'supply-evidence', 'withdraw'] });
  const due = requested.json<CaseStatus>().deadlines.cure!.due;
  await waitFor(() => (readdirSync(outbox).some((f) => f.includes('evidence-request')) ? true : undefined), 'the evidence request');

  first.worker.shutdown();
  await first.running;

  const second = await startWorker();
  try {
    const status = await runCli(['status', 'NL-2026-E2E-0001'], cliEnv());
    expect(status.json()).toMatchObject({ state: 'awaitingEvidence', deadlines: { cure: { due } } });

    const grant = JSON.stringify({
      grounds: ['Vb 2000 art. 3.51 lid 1 sub a'],
      permit: { restriction: 'voortgezet verblijf', labourMarketNote: 'arbeid vrij toegestaan', validFrom: '2027-01-01', validUntil: '2031-12-31' },
    });
    const rejected = await runCli(['act', 'NL-2026-E2E-0001', 'grant', grant], cliEnv());
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toContain('action "grant" is not allowed in state "awaitingEvidence"');

    const supplied = await runCli(
      ['act', 'NL-2026-E2E-0001', 'supply-evidence', '{"documents":["valid passport"]}', '--as', 'applicant:portal-7781'],
      cliEnv(),
    );
    expect(supplied.json()).toMatchObject({ state: 'readyForDecision', evidence: [{ suppliedBy: { id: 'portal-7781', role: 'applicant' } }] });
    const decided = await runCli(['act', 'NL-2026-E2E-0001', 'grant', grant], cliEnv());
    expect(decided.json()).toMatchObject({ state: 'closed', decision: { outcome: 'granted' } });

    const result = await env.client.workflow.getHandle('NL-2026-E2E-0001').result();
    expect(result).toMatchObject({ ending: 'closed', decision: { outcome: 'granted' }, cureOutcome: 'supplied' });
  } finally {
    second.worker.shutdown();
    await second.running;
  }

  const mails = readdirSync(outbox)
    .filter((f) => f.endsWith('.eml'))
    .sort();
  expect(mails).toEqual(['NL-2026-E2E-0001.decision.3.eml', 'NL-2026-E2E-0001.evidence-request.2.eml', 'NL-2026-E2E-0001.receipt.1.eml']);
  const request = readFileSync(join(outbox, 'NL-2026-E2E-0001.evidence-request.2.eml'), 'utf8');
  expect(request).toContain('To: applicant@example.test');
  expect(request).toContain(`(${due})`);
}, 120_000);

test('bad input on the command line is refused with a message naming the argument', async () => {
  const missing = await runCli(['act', 'NL-2026-E2E-0001', 'request-evidence', '{"missing":"passport"}'], cliEnv());
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('action.missing:');

  const unknown = await runCli(['act', 'NL-2026-E2E-0001', 'approve'], cliEnv());
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('action.type:');

  const badFile = join(outbox, 'bad.json');
  writeFileSync(badFile, JSON.stringify({ contact: { name: '', email: 'nope' }, facts: { jurisdiction: 'BE' } }));
  const bad = await runCli(['submit', badFile], cliEnv());
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('facts.jurisdiction:');
  expect(bad.stderr).toContain('contact.email: must be an e-mail address');
  expect(bad.stderr).toContain('contact.name: the applicant needs a name');

  const badEnv = await runCli(['status', 'NL-2026-E2E-0001'], { ...cliEnv(), TEMPORAL_ADDRESS: 'not an address' });
  expect(badEnv.code).toBe(1);
  expect(badEnv.stderr).toContain('TEMPORAL_ADDRESS: must be HOST:PORT');
});

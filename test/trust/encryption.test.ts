/**
 * Personal data at rest on the Temporal server (dev server, real CLI, real worker, real SMTP): the
 * history read straight from the server, without the key, holds no name, e-mail address or date of
 * birth, nor does any search attribute, memo or workflow id; failure messages are encrypted too.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { fileLedger, smtpMailer } from '../../activities';
import { ENCRYPTED_ENCODING, KEY_ID_METADATA, newKeyEntry } from '../../platform/codec';
import { loadConfig } from '../../platform/config';
import { codecFor, dataConverterFor } from '../../platform/data-converter';
import { createDossierWorker, dossierActivities } from '../../worker/worker';
import { APPLICATION_WORKFLOW, statusQuery } from '../../workflows/definitions';
import { anApplication, FACTS, GRANT } from '../support/cases';
import { runCli } from '../support/cli';
import { bundleWorkflows, createDevServerEnv, TEST_ENCRYPTION_ENV, testDataConverter } from '../support/temporal';
import { act, asStoredText, payloadsIn } from './support';
import { SmtpSink } from '../support/smtp';

type History = temporal.api.history.v1.IHistory;
const taskQueue = 'trust-encryption';
const dataConverter = testDataConverter();
const codec = codecFor(loadConfig(TEST_ENCRYPTION_ENV));
const person = { name: 'Amira Trustcase', email: 'amira.trustcase@example.test', dateOfBirth: FACTS.nlPolicyGrants.applicant.dateOfBirth };
const personal = Object.values(person);
let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;
let mail: SmtpSink;
let dir: string;
let worker: { instance: Worker; running: Promise<void> };
let plain: Client;

beforeAll(async () => {
  [env, bundle, mail, dir] = await Promise.all([
    createDevServerEnv({}, { dataConverter }),
    bundleWorkflows(),
    SmtpSink.start(),
    mkdtemp(join(tmpdir(), 'dossier-trust-')),
  ]);
  const instance = await createDossierWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue,
    workflowBundle: bundle,
    dataConverter,
    activities: dossierActivities({ client: env.client, mailer: smtpMailer(mail.url, 'office@ind.example.test'), ledger: fileLedger(join(dir, 'sent')) }),
  });
  worker = { instance, running: instance.run() };
  // What anyone with access to the server, but not the key, sees.
  plain = new Client({ connection: env.connection });
}, 120_000);

afterAll(async () => {
  worker?.instance.shutdown();
  await worker?.running;
  await mail?.close();
  await env?.teardown();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Payloads with case data: all but the search attributes (public by design) and the SDK's patch markers (a patch id only). */
function casePayloads(history: History) {
  return history.events!.flatMap((event) => {
    if (event.upsertWorkflowSearchAttributesEventAttributes || event.markerRecordedEventAttributes?.markerName === 'core_patch') return [];
    const { searchAttributes: _public, ...started } = event.workflowExecutionStartedEventAttributes ?? {};
    return payloadsIn(event.workflowExecutionStartedEventAttributes ? started : event);
  });
}

test('a case opened with the CLI is stored encrypted: no name, e-mail or date of birth in history, search attributes, memo or id', async () => {
  // The mail server refuses the applicant, quoting the address: the failure message carries personal data.
  mail.rejectRecipient(person.email);
  const file = join(dir, 'application.json');
  await writeFile(file, JSON.stringify({ contact: { name: person.name, email: person.email, language: 'en' }, facts: FACTS.nlPolicyGrants }));
  const cliEnv = { TEMPORAL_ADDRESS: env.address, TEMPORAL_TASK_QUEUE: taskQueue, ...TEST_ENCRYPTION_ENV };
  const submitted = await runCli(['submit', file], cliEnv);
  expect(submitted.stderr).toBe('');
  const caseNumber = submitted.json<{ caseNumber: string }>().caseNumber;
  const handle = env.client.workflow.getHandle(caseNumber);
  await act(handle, { type: 'request-evidence', missing: ['valid passport'] });
  await act(handle, { type: 'supply-evidence', documents: ['valid passport'] });
  await act(handle, GRANT);
  const result = await handle.result();
  expect(result.deliveryProblems.length).toBeGreaterThan(0);

  const history = await plain.workflow.getHandle(caseNumber).fetchHistory();
  const stored = asStoredText(history);
  expect(stored).toContain('cure-reminders-2027'); // bytes are read as text: a clear value in a payload (the patch id) shows
  for (const value of personal) expect(stored).not.toContain(value);
  expect(stored).not.toContain('Trustcase');

  // Every payload with case data is sealed with the current test key, and the key opens them all: the data is there.
  const payloads = casePayloads(history);
  expect(payloads.length).toBeGreaterThan(10);
  for (const p of payloads) {
    expect(Buffer.from(p.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
    expect(Buffer.from(p.metadata![KEY_ID_METADATA]!).toString()).toBe('test-new');
  }
  const opened = asStoredText(await codec.decode(payloads));
  for (const value of personal) expect(opened).toContain(value);
  expect(opened).toContain(`No such mailbox: ${person.email}`); // the failure message, encrypted above

  const failures = history.events!.filter((e) => e.activityTaskFailedEventAttributes).map((e) => e.activityTaskFailedEventAttributes!.failure!);
  expect(failures.length).toBeGreaterThan(0);
  for (const failure of failures) expect(failure.message).toBe('Encoded failure');

  const { raw } = await plain.workflow.getHandle(caseNumber).describe();
  const visible = asStoredText({
    searchAttributes: raw.workflowExecutionInfo?.searchAttributes,
    memo: raw.workflowExecutionInfo?.memo,
    id: raw.workflowExecutionInfo?.execution,
  });
  expect(visible).toContain('DossierState'); // the attributes are there, and public
  for (const value of personal) expect(visible).not.toContain(value);
  expect(caseNumber).toMatch(/^NL-\d{8}-[0-9A-F]{8}$/);
}, 120_000);

test('a client without the key reads nothing; one with other keys is told which key id it lacks', async () => {
  const application = anApplication({ contact: { name: person.name, email: 'amira.other@example.test' } });
  const handle = await env.client.workflow.start(APPLICATION_WORKFLOW, { taskQueue, workflowId: application.caseNumber, args: [{ application }] });
  await handle.query(statusQuery);

  await expect(plain.workflow.getHandle(application.caseNumber).query(statusQuery)).rejects.toThrow(/Unknown encoding: binary\/encrypted/);
  const stranger = new Client({
    connection: env.connection,
    dataConverter: dataConverterFor(loadConfig({ DOSSIER_ENCRYPTION_KEYS: newKeyEntry('elsewhere') })),
  });
  await expect(stranger.workflow.getHandle(application.caseNumber).query(statusQuery)).rejects.toThrow('key id "test-new"');
  await handle.terminate('test done');
});

test('keys rotate without stopping cases: a case sealed with the old key goes on under the new one', async () => {
  const oldClient = new Client({
    connection: env.connection,
    dataConverter: dataConverterFor(loadConfig({ ...TEST_ENCRYPTION_ENV, DOSSIER_ENCRYPTION_KEY_ID: 'test-old' })),
  });
  const application = anApplication();
  await oldClient.workflow.start(APPLICATION_WORKFLOW, { taskQueue, workflowId: application.caseNumber, args: [{ application }] });
  // The worker and this client already encrypt with test-new and still know test-old.
  const handle = env.client.workflow.getHandle(application.caseNumber);
  await act(handle, { type: 'request-evidence', missing: ['valid passport'] });
  await act(handle, { type: 'supply-evidence', documents: ['valid passport'] });
  await act(handle, GRANT);
  expect(await handle.result()).toMatchObject({ decision: { outcome: 'granted' } });
  const keyIds = casePayloads(await handle.fetchHistory()).map((p) => Buffer.from(p.metadata![KEY_ID_METADATA]!).toString());
  expect(keyIds[0]).toBe('test-old'); // the start input
  expect(new Set(keyIds)).toEqual(new Set(['test-old', 'test-new']));
});

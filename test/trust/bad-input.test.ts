/**
 * Generated bad input (fast-check) at every boundary: applications (the CLI's parser, and the CLI
 * itself against a live server), updates sent to a live case, and environment values. Each one
 * gets an error that names the field; none starts a case, reaches history or stops the worker.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import fc from 'fast-check';
import { outboxMailer } from '../../activities';
import { applicationSchema, describeIssues } from '../../domain/case';
import { newKeyEntry } from '../../platform/codec';
import { ConfigError, loadConfig } from '../../platform/config';
import { createDossierWorker, dossierActivities } from '../../worker/worker';
import { actUpdate, APPLICATION_WORKFLOW, statusQuery } from '../../workflows/definitions';
import { anApplication, FACTS } from '../support/cases';
import { runCli } from '../support/cli';
import { bundleWorkflows, createDevServerEnv, TEST_ENCRYPTION_ENV, testDataConverter } from '../support/temporal';
import { withActor } from '../support/cases';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Every path to a leaf and to an object in a JSON value. */
function pathsOf(value: Json, path: Path = []): { leaves: Path[]; objects: Path[] } {
  if (Array.isArray(value)) return merge(value.map((v, i) => pathsOf(v, [...path, i])));
  if (value !== null && typeof value === 'object') {
    const inner = merge(Object.entries(value).map(([k, v]) => pathsOf(v, [...path, k])));
    return { leaves: inner.leaves, objects: [path, ...inner.objects] };
  }
  return { leaves: [path], objects: [] };
}
const merge = (all: { leaves: Path[]; objects: Path[] }[]) => ({ leaves: all.flatMap((a) => a.leaves), objects: all.flatMap((a) => a.objects) });

function setAt(value: Json, path: Path, replace: (old: Json) => Json): Json {
  const copy = JSON.parse(JSON.stringify(value)) as Json;
  if (path.length === 0) return replace(copy);
  let node = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path.at(-1)!;
  node[last] = replace(node[last]!);
  return copy;
}

/** A value of another JSON type than `old`: always wrong for a typed field. */
const wrongType = (old: Json): Json =>
  typeof old === 'string'
    ? 42
    : typeof old === 'number'
      ? 'forty-two'
      : typeof old === 'boolean'
        ? 'yes'
        : old === null
          ? 42
          : typeof old === 'object'
            ? 'text'
            : null;

/** One broken field of a valid JSON document, and the name a good error must give (`prefix.path`, or the unknown key as zod lists it). */
function malformed(valid: Json, prefix?: string) {
  const { leaves, objects } = pathsOf(valid);
  return fc.oneof(
    fc
      .constantFrom(...leaves)
      .map((path) => ({ input: setAt(valid, path, wrongType), names: [prefix, ...path].filter((p) => p !== undefined).join('.'), how: 'wrong type' })),
    fc
      .tuple(fc.constantFrom(...objects), fc.stringMatching(/^[a-z][A-Za-z]{2,12}$/))
      .filter(([path, key]) => !(key in (path.reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], valid) as object)))
      .map(([path, key]) => ({ input: setAt(valid, path, (o) => ({ ...(o as object), [key]: 1 })), names: `(${key})`, how: 'unknown field' })),
  );
}

const validApplication = {
  contact: { name: 'Applicant Example', email: 'applicant@example.test', language: 'en' },
  facts: FACTS.nlPolicyGrants,
} as unknown as Json;

test('200 generated malformed applications are refused by the CLI parser, each naming the broken field', () => {
  const schema = applicationSchema();
  const kinds: Record<string, number> = {};
  fc.assert(
    fc.property(malformed(validApplication), ({ input, names, how }) => {
      const parsed = schema.safeParse(input);
      expect(parsed.success).toBe(false);
      expect(describeIssues(parsed.error!)).toContain(names);
      kinds[how] = (kinds[how] ?? 0) + 1;
    }),
    { numRuns: 200 },
  );
  console.info(`malformed applications (parser): ${JSON.stringify(kinds)}`);
  expect(Object.keys(kinds).sort()).toEqual(['unknown field', 'wrong type']);
});

/** Bad values per variable; every one must stop start-up with `NAME: rule`. */
const badEnvironment: Record<string, fc.Arbitrary<string | Record<string, string>>> = {
  TEMPORAL_ADDRESS: fc.string({ minLength: 1 }).filter((s) => !/^[^\s:/]+:\d{1,5}$/.test(s)),
  TEMPORAL_NAMESPACE: fc.tuple(fc.string(), fc.constantFrom(' ', '/', '?', 'ü'), fc.string()).map((p) => p.join('')),
  TEMPORAL_TLS: fc.string({ minLength: 1 }).filter((s) => !['true', 'false', '1', '0'].includes(s)),
  SMTP_URL: fc.oneof(
    fc.webUrl(),
    fc.string({ minLength: 1 }).filter((s) => !s.startsWith('smtp')),
  ),
  MAIL_FROM: fc.string({ minLength: 1 }).filter((s) => !s.includes('@')),
  MINISTRY_INTAKE_EMAIL: fc.string({ minLength: 1 }).filter((s) => !s.includes('@')),
  DOSSIER_ENCRYPTION_KEYS: fc.oneof(
    fc
      .uint8Array({ maxLength: 64 })
      .filter((b) => b.length !== 32)
      .map((b) => `k1:${Buffer.from(b).toString('base64') || 'x'}`),
    fc.string({ minLength: 1 }).filter((s) => !s.includes(':')),
    // Whitespace around an entry is trimmed (a friendly "k1:…, k2:…"): the bad character must survive it.
    fc
      .string({ minLength: 1 })
      .filter((s) => /[^A-Za-z0-9._-]/.test(s.trim()) && !s.includes(',') && !s.includes(':'))
      .map((id) => `${id}:${Buffer.alloc(32, 1).toString('base64')}`),
  ),
  DOSSIER_ENCRYPTION_KEY_ID: fc
    .stringMatching(/^[a-z]{1,10}$/)
    .map((id) => ({ DOSSIER_ENCRYPTION_KEYS: newKeyEntry('only-key'), DOSSIER_ENCRYPTION_KEY_ID: `${id}-other` })),
  DOSSIER_CODEC_TOKEN: fc.oneof(
    fc.string({ minLength: 1, maxLength: 23 }),
    fc.tuple(fc.string(), fc.constantFrom(' ', '/', '#', '%'), fc.string({ minLength: 24 })).map((p) => p.join('')),
  ),
  DOSSIER_CODEC_PORT: fc.oneof(fc.integer({ min: 65536 }).map(String), fc.integer({ max: 0 }).map(String), fc.constantFrom('http', '80.5', '1e9', 'port')),
  DOSSIER_MAX_CACHED_WORKFLOWS: fc.oneof(
    fc.integer({ max: -1 }).map(String),
    fc
      .double({ min: 0.1, max: 1e6, noNaN: true })
      .filter((n) => !Number.isInteger(n))
      .map(String),
    fc.constantFrom('all', 'ten', '1MiB'),
  ),
  DOSSIER_CODEC_CORS_ORIGINS: fc.oneof(
    fc.webUrl({ withQueryParameters: true }).map((u) => `${u}/x`),
    fc.domain(),
  ),
};

test('200 generated bad environment values stop start-up with a ConfigError naming the variable', () => {
  const counts: Record<string, number> = {};
  const variable = fc.constantFrom(...Object.keys(badEnvironment)).chain((name) => badEnvironment[name]!.map((value) => ({ name, value })));
  fc.assert(
    fc.property(variable, ({ name, value }) => {
      const env = typeof value === 'string' ? { [name]: value } : value;
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(`${name}: `);
      counts[name] = (counts[name] ?? 0) + 1;
    }),
    { numRuns: 200 },
  );
  console.info(`bad environment values: ${JSON.stringify(counts)}`);
  expect(Object.keys(counts).length).toBeGreaterThan(8);
});

describe('against a live case on the dev server', () => {
  const taskQueue = 'trust-bad-input';
  let env: TestWorkflowEnvironment;
  let worker: { instance: Worker; running: Promise<void> };
  let dir: string;
  const dataConverter = testDataConverter();

  beforeAll(async () => {
    const [e, bundle, d] = await Promise.all([createDevServerEnv({}, { dataConverter }), bundleWorkflows(), mkdtemp(join(tmpdir(), 'dossier-bad-'))]);
    [env, dir] = [e, d];
    const instance = await createDossierWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue,
      workflowBundle: bundle,
      dataConverter,
      activities: dossierActivities({ client: env.client, mailer: outboxMailer(join(dir, 'outbox'), 'office@ind.example.test') }),
    });
    worker = { instance, running: instance.run() };
  }, 120_000);

  afterAll(async () => {
    worker?.instance.shutdown();
    await worker?.running;
    await env?.teardown();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('50 generated malformed updates are each rejected naming the field; none reaches history; the worker goes on', async () => {
    const application = anApplication();
    const handle = await env.client.workflow.start(APPLICATION_WORKFLOW, { taskQueue, workflowId: application.caseNumber, args: [{ application }] });
    const before = await handle.query(statusQuery);
    const valid = [
      withActor({ type: 'request-evidence', missing: ['valid passport'] }),
      withActor({ type: 'extend-cure-period', until: '2030-01-01', reason: 'post delayed' }),
      withActor({ type: 'request-ambtsbericht', factors: ['a'], questions: ['Is care available?'] }),
      withActor({ type: 'refuse', grounds: ['Vb 2000 art. 3.50 lid 2 sub c'], exceptionGround: 'public-order' }),
    ] as unknown as Json[];
    const actions = fc.oneof(
      ...valid.map((v) => malformed(v, 'action')),
      fc
        .oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.integer()))
        .map((input) => ({ input: input as Json, names: ': action: ', how: 'not an object' })),
      fc.stringMatching(/^[a-z]{3,12}$/).map((type) => ({ input: { type } as Json, names: 'action.type', how: 'unknown action' })),
    );
    const kinds: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(actions, async ({ input, names, how }) => {
        const refused = await handle.executeUpdate(actUpdate, { args: [input as never] }).then(
          () => undefined,
          (err: unknown) => err,
        );
        expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
        const message = (refused as WorkflowUpdateFailedError).cause?.message ?? '';
        expect(message).toMatch(/^invalid action/);
        expect(message).toContain(names);
        kinds[how] = (kinds[how] ?? 0) + 1;
      }),
      { numRuns: 50 },
    );
    console.info(`malformed updates (live): ${JSON.stringify(kinds)}`);

    const { events } = await handle.fetchHistory();
    expect(events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes || e.workflowExecutionUpdateCompletedEventAttributes)).toEqual([]);
    expect(await handle.query(statusQuery)).toEqual(before);
    // The worker is still serving the case: a good action goes through.
    expect(await handle.executeUpdate(actUpdate, { args: [withActor({ type: 'request-evidence', missing: ['valid passport'] })] })).toMatchObject({
      state: 'awaitingEvidence',
    });
    await handle.terminate('test done');
  }, 120_000);

  test('10 generated malformed application files given to `dossier submit` exit 2 naming the field, and open no case', async () => {
    const samples = fc.sample(malformed(validApplication), { numRuns: 10, seed: 8 });
    for (const [i, { input, names }] of samples.entries()) {
      const file = join(dir, `bad-${i}.json`);
      await writeFile(file, JSON.stringify(input));
      const result = await runCli(['submit', file], { TEMPORAL_ADDRESS: env.address, TEMPORAL_TASK_QUEUE: taskQueue, ...TEST_ENCRYPTION_ENV });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(names);
    }
    const started = await env.client.workflow.count(`TaskQueue = "${taskQueue}" AND WorkflowType = "${APPLICATION_WORKFLOW}"`);
    expect(started.count).toBe(1); // only the case of the update test above
  }, 120_000);
});

/**
 * The HTTP API as the office's systems and the web app use it: a real Temporal dev server and
 * worker behind it, accounts in a real SQLite file, every route called over HTTP with good and bad
 * input, by token and by session, answering 200/201, 400, 401, 403, 404, 409 and 429 as documented.
 */
import { FACTS, GRANT, anApplication } from '../support/cases';
import { reindexQueue } from '../../platform/case-queue';
import { keptStatus } from '../../platform/kept-status';
import { statusQuery } from '../../workflows/definitions';
import { Office } from '../support/office';
import { waitFor } from '../support/wait';

let office: Office;
let caseworker: { cookie: string; csrfToken: string };
let systemToken: string;
let applicantToken: string;

beforeAll(async () => {
  office = await Office.start();
  caseworker = await office.logIn('cw-api-1', 'caseworker');
  systemToken = await office.accounts.createToken('intake-portal', 'caseworker');
  applicantToken = await office.accounts.createToken('portal-1', 'applicant');
}, 120_000);
afterAll(() => office?.stop());

interface Call {
  status: number;
  type: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: the test reads whatever JSON the server answered, field by field
  body: any;
  headers: Headers;
}

async function call(
  method: string,
  path: string,
  options: { body?: unknown; token?: string; session?: typeof caseworker; csrf?: boolean } = {},
): Promise<Call> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.session) {
    headers.cookie = options.session.cookie;
    if (options.csrf !== false) headers['x-csrf-token'] = options.session.csrfToken;
  }
  const response = await fetch(`${office.baseUrl}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), body: text ? JSON.parse(text) : null, headers: response.headers };
}
const asSystem = (method: string, path: string, body?: unknown) => call(method, path, { token: systemToken, body });

test('the OpenAPI 3.1 document is generated and names every operation of /api/v1; /api/docs browses it', async () => {
  const doc = await call('GET', '/api/openapi.json');
  expect(doc.status).toBe(200);
  expect(doc.body.openapi).toBe('3.1.0');
  const operations = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
  );
  expect(operations.sort()).toEqual(
    [
      'POST /api/v1/session',
      'GET /api/v1/session',
      'DELETE /api/v1/session',
      'POST /api/v1/cases',
      'GET /api/v1/cases',
      'GET /api/v1/cases/{caseNumber}',
      'POST /api/v1/cases/{caseNumber}/actions',
      'GET /api/v1/cases/{caseNumber}/history',
      'POST /api/v1/cases/bulk-actions',
      'GET /api/v1/deadline',
      'POST /api/v1/assess',
      'GET /api/v1/permits',
      'GET /api/v1/permits/{id}',
      'GET /api/v1/permits/{id}/history',
      'POST /api/v1/permits/{id}/actions',
    ].sort(),
  );
  // The body of an action is the domain's schema: request-evidence needs `missing`.
  const actionBody = JSON.stringify(doc.body.paths['/api/v1/cases/{caseNumber}/actions'].post.requestBody);
  expect(actionBody).toContain('request-evidence');
  expect(actionBody).toContain('missing');
  expect(actionBody).not.toContain('"actor"');
  const page = await fetch(`${office.baseUrl}/api/docs`);
  expect([page.status, page.headers.get('content-type')]).toEqual([200, expect.stringContaining('text/html')]);
});

test('without credentials, with a forged token or in the wrong role: 401 and 403 as problem+json, logged without personal data', async () => {
  const anonymous = await call('GET', '/api/v1/cases');
  expect([anonymous.status, anonymous.type, anonymous.body.status]).toEqual([401, expect.stringContaining('application/problem+json'), 401]);
  const forged = await call('GET', '/api/v1/cases', { token: `${systemToken.slice(0, -4)}AAAA` });
  expect(forged.status).toBe(401);
  const applicant = await call('GET', '/api/v1/cases', { token: applicantToken });
  expect([applicant.status, applicant.body.detail]).toEqual([403, 'this needs the role caseworker or operator; you are applicant']);
  const denials = office.logLines.filter((line) => line.includes('request denied'));
  expect(denials.length).toBeGreaterThanOrEqual(3);
  expect(denials.join('\n')).not.toMatch(/portal-1|intake-portal|cw-api-1|Bearer/);
});

test('a session: changes need its CSRF token; logging out ends it', async () => {
  const session = await office.logIn('cw-api-2', 'caseworker');
  const application = anApplication();
  const noCsrf = await call('POST', '/api/v1/cases', { session, csrf: false, body: application });
  expect([noCsrf.status, noCsrf.body.detail]).toEqual([403, expect.stringContaining('CSRF')]);
  const wrongCsrf = await call('POST', '/api/v1/cases', { session: { ...session, csrfToken: 'x'.repeat(43) }, body: application });
  expect(wrongCsrf.status).toBe(403);
  const who = await call('GET', '/api/v1/session', { session });
  expect(who.body).toEqual({ principal: { id: 'cw-api-2', role: 'caseworker' }, csrfToken: session.csrfToken });
  const out = await call('DELETE', '/api/v1/session', { session });
  expect(out.status).toBe(204);
  expect((await call('GET', '/api/v1/cases', { session })).status).toBe(401);
});

test('failed logins answer 401, then 429 with Retry-After; a good password does not get through a locked account', async () => {
  await office.accounts.addUser('cw-locked', 'caseworker', 'the-right-password');
  const attempt = (password: string) => call('POST', '/api/v1/session', { body: { id: 'cw-locked', password } });
  for (let i = 0; i < 5; i++) expect((await attempt('wrong-password')).status).toBe(401);
  const locked = await attempt('the-right-password');
  expect([locked.status, Number(locked.headers.get('retry-after'))]).toEqual([429, expect.any(Number)]);
  expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  const bad = await call('POST', '/api/v1/session', { body: { id: 'cw-locked' } });
  expect([bad.status, bad.body.errors]).toEqual([400, [{ field: 'body.password', rule: expect.any(String) }]]);
});

test('submit is idempotent by case number (201, then 200); a bad application is 400 naming each field', async () => {
  const application = anApplication();
  const first = await asSystem('POST', '/api/v1/cases', application);
  expect([first.status, first.body.created, first.body.caseNumber, first.body.state]).toEqual([201, true, application.caseNumber, 'completenessCheck']);
  const again = await asSystem('POST', '/api/v1/cases', application);
  expect([again.status, again.body.created]).toEqual([200, false]);
  const numbered = await asSystem('POST', '/api/v1/cases', { ...application, caseNumber: undefined });
  expect([numbered.status, numbered.body.caseNumber]).toEqual([201, expect.stringMatching(/^NL-\d{8}-[0-9A-F]{8}$/)]);

  const bad = await asSystem('POST', '/api/v1/cases', { ...application, contact: { ...application.contact, email: 'not-an-address' } });
  expect(bad.status).toBe(400);
  expect(bad.body.errors).toEqual([{ field: 'body.contact.email', rule: 'must be an e-mail address' }]);
});

test('status, actions and history of one case; unknown case 404, refused action 409 with state and reason, wrong role 403', async () => {
  const { caseNumber } = (await asSystem('POST', '/api/v1/cases', anApplication())).body;
  const status = await call('GET', `/api/v1/cases/${caseNumber}`, { session: caseworker });
  expect([status.status, status.body.allowedActions]).toEqual([200, expect.arrayContaining(['request-evidence'])]);
  expect((await asSystem('GET', '/api/v1/cases/NL-NOSUCH-1')).status).toBe(404);
  expect((await asSystem('GET', '/api/v1/cases/NL-NOSUCH-1/history')).status).toBe(404);
  const malformed = await asSystem('GET', '/api/v1/cases/not-a-case');
  expect([malformed.status, malformed.body.errors[0].field]).toEqual([400, 'params.caseNumber']);

  const badPayload = await call('POST', `/api/v1/cases/${caseNumber}/actions`, { session: caseworker, body: { type: 'request-evidence', missing: [] } });
  expect([badPayload.status, badPayload.body.errors[0].field]).toEqual([400, 'body.missing']);
  const asked = await call('POST', `/api/v1/cases/${caseNumber}/actions`, { session: caseworker, body: { type: 'request-evidence', missing: ['passport'] } });
  expect([asked.status, asked.body.state, asked.body.deadlines.cure.due]).toEqual([200, 'awaitingEvidence', expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)]);

  const refused = await call('POST', `/api/v1/cases/${caseNumber}/actions`, { session: caseworker, body: GRANT });
  expect([refused.status, refused.body.state, refused.body.detail]).toEqual([409, 'awaitingEvidence', expect.stringContaining('grant')]);
  // Supplying evidence is the applicant's own action: a caseworker records it only on their behalf.
  const notTheirs = await call('POST', `/api/v1/cases/${caseNumber}/actions`, {
    session: caseworker,
    body: { type: 'supply-evidence', documents: ['passport'] },
  });
  expect([notTheirs.status, notTheirs.body.detail]).toEqual([403, expect.stringContaining("applicant's action")]);
  const onBehalf = await call('POST', `/api/v1/cases/${caseNumber}/actions`, {
    session: caseworker,
    body: { type: 'supply-evidence', documents: ['passport'], onBehalfOf: 'applicant' },
  });
  expect([onBehalf.status, onBehalf.body.state]).toEqual([200, 'readyForDecision']);

  const history = await call('GET', `/api/v1/cases/${caseNumber}/history`, { session: caseworker });
  expect(history.status).toBe(200);
  expect(history.body.events).toBeUndefined();
  expect(history.body.entries[0]).toMatchObject({ event: 'received', by: 'caseworker:intake-portal (HTTP API)' });
  const byCaseworker = history.body.entries.filter((e: { by: string }) => e.by.includes('cw-api-1'));
  // The actor is who logged in; the evidence the caseworker recorded on the applicant's behalf says so.
  expect(byCaseworker.map((e: { event: string }) => e.event)).toEqual(['evidence requested', 'evidence supplied']);
  expect((await call('GET', `/api/v1/cases/${caseNumber}/history?events=true`, { session: caseworker })).body.events.length).toBeGreaterThan(3);
});

test('list and filter cases in pages; a bad filter is 400 naming it; a bulk action runs dry first', async () => {
  const opened: string[] = [];
  for (const facts of [FACTS.nlPolicyGrants, FACTS.noChild]) opened.push((await asSystem('POST', '/api/v1/cases', anApplication({ facts }))).body.caseNumber);
  const listed = await waitFor(async () => {
    const page = await asSystem('GET', '/api/v1/cases?state=completenessCheck&pageSize=500');
    const numbers = page.body.cases.map((c: { caseNumber: string }) => c.caseNumber);
    return opened.every((n) => numbers.includes(n)) && page;
  }, 'the new cases in visibility');
  expect(listed.body).toMatchObject({ page: 1, pageSize: 500 });
  const norwegian = await asSystem('GET', '/api/v1/cases?state=completenessCheck&jurisdiction=no');
  expect(norwegian.body.cases.map((c: { jurisdiction: string }) => c.jurisdiction)).toEqual(norwegian.body.cases.map(() => 'NO'));
  expect(norwegian.body.cases.map((c: { caseNumber: string }) => c.caseNumber)).toContain(opened[1]);
  const paged = await asSystem('GET', '/api/v1/cases?state=completenessCheck&pageSize=1&page=2');
  expect([paged.body.cases.length, paged.body.total]).toEqual([1, listed.body.total]);

  const badFilter = await asSystem('GET', '/api/v1/cases?state=pondering&deadlineBefore=soon');
  expect(badFilter.status).toBe(400);
  expect(badFilter.body.errors.map((e: { field: string }) => e.field)).toEqual(['querystring.state.0', 'querystring.deadlineBefore']);

  const dry = await asSystem('POST', '/api/v1/cases/bulk-actions', {
    filter: { state: 'completenessCheck', jurisdiction: 'NO' },
    action: { type: 'confirm-complete' },
    dryRun: true,
  });
  expect(dry.status).toBe(200);
  expect(dry.body).toMatchObject({ dryRun: true });
  expect(dry.body.cases).toContainEqual(expect.objectContaining({ caseNumber: opened[1], result: 'would-act' }));
  expect((await asSystem('GET', `/api/v1/cases/${opened[1]}`)).body.state).toBe('completenessCheck');
  const everything = await asSystem('POST', '/api/v1/cases/bulk-actions', { filter: {}, action: { type: 'confirm-complete' } });
  expect([everything.status, everything.body.errors[0].field]).toEqual([400, 'body.filter']);
});

test('the queue shows what a case did as soon as the API answers; a reindex brings back lost lines and closes ended cases', async () => {
  const inState = async (state: string) =>
    (await asSystem('GET', `/api/v1/cases?state=${state}&running=true&pageSize=500`)).body.cases.map((c: { caseNumber: string }) => c.caseNumber);
  const [caseNumber, lost] = (await Promise.all(
    [FACTS.nlPolicyGrants, FACTS.noChild].map(async (facts) => (await asSystem('POST', '/api/v1/cases', anApplication({ facts }))).body.caseNumber as string),
  )) as [string, string];
  // No waiting: the worker writes a case's line before its workflow task completes, so before the API answers.
  expect(await inState('completenessCheck')).toEqual(expect.arrayContaining([caseNumber, lost]));
  const requested = await call('POST', `/api/v1/cases/${caseNumber}/actions`, {
    session: caseworker,
    body: { type: 'request-evidence', missing: ['valid passport'] },
  });
  expect(requested.status).toBe(200);
  expect(await inState('completenessCheck')).not.toContain(caseNumber);
  const row = (await asSystem('GET', '/api/v1/cases?state=awaitingEvidence&pageSize=500')).body.cases.find(
    (c: { caseNumber: string }) => c.caseNumber === caseNumber,
  );
  expect(row).toMatchObject({ state: 'awaitingEvidence', jurisdiction: 'NL', execution: 'RUNNING', overdue: false, nextDeadline: requested.body.nextDeadline });
  // "My cases": the caseworker who acted finds it there, in the API and on the web queue; whoever did not, does not.
  const mine = async (options: { token?: string; session?: typeof caseworker }) =>
    (await call('GET', '/api/v1/cases?mine=true&pageSize=500', options)).body.cases.map((c: { caseNumber: string }) => c.caseNumber);
  expect(await mine({ session: caseworker })).toContain(caseNumber);
  expect(await mine({ session: caseworker })).not.toContain(lost);
  expect(await mine({ token: systemToken })).not.toContain(caseNumber);
  const webQueue = await fetch(`${office.baseUrl}/?mine=true`, { headers: { cookie: caseworker.cookie } });
  expect([webQueue.status, (await webQueue.text()).includes(caseNumber)]).toEqual([200, true]);
  // The status the API answers from the case's line (sealed in the database) is the case's own answer to the query.
  const kept = await keptStatus(office.database.db, office.harness.env.client.options.loadedDataConverter, caseNumber);
  expect(kept).toEqual(await office.harness.env.client.workflow.getHandle(caseNumber).query(statusQuery));
  expect((await asSystem('GET', `/api/v1/cases/${caseNumber}`)).body).toEqual(kept);

  // An operator terminates a case in Temporal: it tells nobody, so its line says running until a reindex.
  await office.harness.env.client.workflow.getHandle(caseNumber).terminate('opened by mistake');
  expect(await inState('awaitingEvidence')).toContain(caseNumber);
  // A lost line (or a case from before the queue existed) comes back the same way.
  await office.database.db.deleteFrom('caseQueue').where('caseNumber', '=', lost).execute();
  expect(await inState('completenessCheck')).not.toContain(lost);
  // Visibility learns of the termination, and of the other case's state, a moment later: reindex until it has.
  await waitFor(async () => {
    await reindexQueue(office.harness.env.client, office.database.db);
    return !(await inState('awaitingEvidence')).includes(caseNumber) && (await inState('completenessCheck')).includes(lost);
  }, 'the reindex to close the terminated case and bring back the lost line');
  const closed = (await asSystem('GET', '/api/v1/cases?state=awaitingEvidence&pageSize=500')).body.cases.find(
    (c: { caseNumber: string }) => c.caseNumber === caseNumber,
  );
  expect(closed.execution).toBe('TERMINATED');
});

test('deadline and assess: the calendar and the policy packs; bad input names the field', async () => {
  const deadline = await asSystem('GET', '/api/v1/deadline?jurisdiction=nl&kind=objection&from=2026-09-14');
  expect([deadline.status, deadline.body.due]).toEqual([200, '2026-10-12']);
  const badKind = await asSystem('GET', '/api/v1/deadline?jurisdiction=NL&kind=forever&from=2026-09-14');
  expect([badKind.status, badKind.body.errors[0].field]).toEqual([400, 'querystring.kind']);
  const assessed = await asSystem('POST', '/api/v1/assess', { facts: FACTS.nlEntitled, on: '2026-11-01' });
  expect([assessed.status, assessed.body.outcome]).toEqual([200, expect.any(String)]);
  expect(assessed.body.basis.length).toBeGreaterThan(0);
  const badFacts = await asSystem('POST', '/api/v1/assess', { facts: { jurisdiction: 'XX' } });
  expect([badFacts.status, badFacts.body.errors[0].field]).toEqual([400, expect.stringMatching(/^body\.facts/)]);
});

test("a granted case's permit: listed, shown, its history; actions checked for role and state", async () => {
  const { caseNumber } = (await asSystem('POST', '/api/v1/cases', anApplication())).body;
  await call('POST', `/api/v1/cases/${caseNumber}/actions`, { session: caseworker, body: { type: 'confirm-complete' } });
  const granted = await call('POST', `/api/v1/cases/${caseNumber}/actions`, { session: caseworker, body: GRANT });
  expect([granted.status, granted.body.decision.outcome]).toEqual([200, 'granted']);

  const shown = await waitFor(async () => {
    const permit = await asSystem('GET', `/api/v1/permits/${caseNumber}`);
    return permit.status === 200 && permit;
  }, 'the permit workflow');
  expect(shown.body).toMatchObject({ caseNumber, state: 'valid' });
  const listed = await asSystem('GET', '/api/v1/permits?state=valid&jurisdiction=NL');
  expect(listed.body.permits.map((p: { caseNumber: string }) => p.caseNumber)).toContain(caseNumber);
  const badState = await asSystem('GET', '/api/v1/permits?state=pondering');
  expect([badState.status, badState.body.errors[0].field]).toEqual([400, 'querystring.state']);
  const history = await asSystem('GET', `/api/v1/permits/${caseNumber}/history`);
  expect([history.status, history.body.entries.length > 0]).toEqual([200, true]);
  expect((await asSystem('GET', '/api/v1/permits/NL-NOSUCH-1')).status).toBe(404);

  const renewal = await call('POST', `/api/v1/permits/${caseNumber}/actions`, {
    session: caseworker,
    body: { type: 'file-renewal', filedOn: '2031-11-01', facts: FACTS.nlPolicyGrants },
  });
  expect([renewal.status, renewal.body.detail]).toEqual([403, expect.stringContaining("holder's action")]);
  const notNow = await call('POST', `/api/v1/permits/${caseNumber}/actions`, {
    session: caseworker,
    body: { type: 'decide-objection', outcome: 'unfounded', grounds: ['no objection was lodged'] },
  });
  expect([notNow.status, notNow.body.state]).toEqual([409, 'valid']);
});

/**
 * The caseworker web app in a real browser (Debian's Chromium) against a whole office: Temporal
 * dev server, worker, HTTP server. A caseworker logs in by keyboard, finds a case in the queue,
 * requests evidence through the generated form and sees the cure deadline and the notice; the
 * pages pass axe-core; the door keeps out applicants, forged and expired sessions, and forms
 * without their CSRF token. `UPDATE_SCREENSHOTS=1` writes docs/screenshots/queue.png and case.png.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Accounts } from '../../platform/accounts';
import { listCases } from '../../platform/case-list';
import { caseHistory, caseStatus, submitCase } from '../../platform/cases';
import { describeViolations, launchBrowser, seriousViolations } from '../support/browser';
import { anApplication, FACTS } from '../support/cases';
import { Office } from '../support/office';
import { waitFor } from '../support/wait';

const PASSWORD = 'correct horse battery staple';
const SCREENSHOTS = resolve(__dirname, '../../docs/screenshots');

let office: Office;
let browser: Browser;
let caseNumber: string;
let otherCaseNumber: string;
const contexts: BrowserContext[] = [];

const client = () => office.harness.env.client;

/** A fresh browser context (its own cookies) on the office's address. */
async function newPage(options: { locale?: string; session?: string } = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: office.baseUrl, locale: options.locale ?? 'en-GB', viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  if (options.session) await context.addCookies([{ name: 'dossier_session', value: options.session, url: office.baseUrl }]);
  return context.newPage();
}

/** A logged-in caseworker's page, without going through the form (the login itself is tested once, by keyboard). */
async function caseworkerPage(locale?: string): Promise<Page> {
  const { sessionId } = await office.accounts.createSession({ id: 'cw-web', role: 'caseworker' }, 1);
  return newPage({ session: sessionId, locale });
}

/** The focused element as `id-or-class: text` (the tests compile without the DOM library, so the page is asked in a string). */
const focused = (page: Page): Promise<string> =>
  page.evaluate("(e => (e.id || e.className) + ': ' + e.textContent.trim())(document.activeElement)") as Promise<string>;

/** Posts a form by `click` and waits for the page that answers: a form re-rendered at the same URL leaves no URL change to wait for. */
async function submit(page: Page, click: () => Promise<void>): Promise<number> {
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.waitForEvent('load'), click()]);
  return response.status();
}

async function expectAccessible(page: Page): Promise<void> {
  const violations = await seriousViolations(page);
  if (violations.length) throw new Error(`axe-core found serious or critical violations on ${page.url()}:\n${describeViolations(violations)}`);
}

async function screenshot(page: Page, name: string): Promise<void> {
  // CI must not change tracked files: screenshots are written only when asked for.
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOTS, name), fullPage: true });
}

beforeAll(async () => {
  [office, browser] = await Promise.all([Office.start(), launchBrowser()]);
  await office.accounts.addUser('cw-web', 'caseworker', PASSWORD);
  const worked = anApplication();
  caseNumber = worked.caseNumber;
  const other = anApplication({ facts: FACTS.noChild });
  otherCaseNumber = other.caseNumber;
  for (const application of [worked, other]) await submitCase(client(), office.config.TEMPORAL_TASK_QUEUE, application);
  // Visibility is eventually consistent: wait until both cases are listed with their state.
  await waitFor(async () => {
    const rows = await listCases(client(), { states: [], overdue: false, running: true }, 100);
    return rows.filter((r) => r.state === 'completenessCheck').length === 2;
  }, 'both cases listed in completenessCheck');
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await office?.stop();
});

test('a caseworker logs in by keyboard, finds the case in the queue and requests evidence through the generated form', async () => {
  const page = await newPage();
  await page.goto('/');
  await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/');
  await expectAccessible(page);

  // Keyboard only: the skip link comes first, then Tab on to the account field, type, Tab, type, Enter.
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('skip: Skip to main content');
  for (let presses = 0; presses < 10 && (await focused(page)) !== 'f-id: '; presses++) await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('f-id: ');
  await page.keyboard.type('cw-web');
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/');

  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Work queue');
  const row = page.locator('table.queue tbody tr', { has: page.getByRole('link', { name: caseNumber, exact: true }) });
  await expect(row.textContent()).resolves.toContain('Completeness check');
  await expect(row.textContent()).resolves.toContain('Europe/Amsterdam');
  // Soonest deadline first, a case without one (Norway sets no decision period) last.
  const listed = await page.locator('table.queue tbody tr td:first-child').allTextContents();
  expect(listed).toEqual([caseNumber, otherCaseNumber]);
  await expectAccessible(page);
  await screenshot(page, 'queue.png');

  await row.getByRole('link', { name: caseNumber }).click();
  await page.waitForURL((url) => url.pathname === `/cases/${caseNumber}`);
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Request evidence' }).click();
  await page.waitForURL((url) => url.pathname.endsWith('/actions/request-evidence'));
  const missing = page.getByLabel('Missing documents');

  // First without the missing document: the schema's rule appears at the field, and the form is kept.
  expect(await submit(page, () => page.getByRole('button', { name: 'Request evidence' }).click())).toBe(400);
  await expect(missing.getAttribute('aria-invalid')).resolves.toBe('true');
  const describedBy = (await missing.getAttribute('aria-describedby')) ?? '';
  const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
  expect(errorId).toBeDefined();
  await expect(page.locator(`[id="${errorId}"]`).textContent()).resolves.toContain('name at least one missing document');
  await expectAccessible(page);

  await missing.fill('valid passport\nproof of address');
  await page.getByRole('button', { name: 'Request evidence' }).click();
  await page.waitForURL((url) => url.pathname === `/cases/${caseNumber}` && url.searchParams.get('done') === 'request-evidence');
  await expect(page.getByRole('status').textContent()).resolves.toBe('Recorded: Request evidence.');

  const status = await caseStatus(client(), caseNumber);
  const cure = status.deadlines.cure!;
  const cureRow = page.locator('table.deadlines tr', { hasText: 'Cure period' });
  await expect(cureRow.textContent()).resolves.toContain(cure.due);
  for (const citation of cure.citations) await expect(cureRow.textContent()).resolves.toContain(citation);
  await expect(page.locator('table.deadlines caption, table.deadlines th').allTextContents()).resolves.toContain('Ends (Europe/Amsterdam)');

  // The notice is sent by an activity after the action returns: wait for it in the history, then look.
  await waitFor(
    async () => (await caseHistory(client(), caseNumber)).entries.some((e) => e.event === 'notice sent' && e.what.startsWith('evidence-request')),
    'the evidence-request notice',
  );
  await page.reload();
  const notice = page.locator('table.notices tr', { hasText: 'evidence-request' });
  await expect(notice.textContent()).resolves.toContain(cure.due);
  await expect(page.locator('table.timeline').textContent()).resolves.toContain('evidence requested');
  await expect(page.getByRole('link', { name: 'The full history in the Temporal web UI' }).getAttribute('href')).resolves.toMatch(
    new RegExp(`/namespaces/default/workflows/${caseNumber}$`),
  );
  await expectAccessible(page);
  await screenshot(page, 'case.png');
});

test('a wrong password shows the error at the form, with 401', async () => {
  const page = await newPage();
  await page.goto('/login');
  await page.getByLabel('Account id').fill('cw-web');
  await page.getByLabel('Password').fill('not the password at all');
  expect(await submit(page, () => page.getByRole('button', { name: 'Log in' }).click())).toBe(401);
  await expect(page.getByRole('alert').textContent()).resolves.toBe('Wrong account id or password.');
  await expect(page.getByLabel('Account id').inputValue()).resolves.toBe('cw-web');
});

test('an applicant session gets 403, never the queue', async () => {
  const { sessionId } = await office.accounts.createSession({ id: 'portal-1', role: 'applicant' }, 1);
  const page = await newPage({ session: sessionId });
  const response = await page.goto('/');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('alert').textContent()).resolves.toContain('you are logged in as applicant');
  await expect(page.locator('table.queue').count()).resolves.toBe(0);
});

test('a form posted without its CSRF field is refused with 403 and changes nothing', async () => {
  const page = await caseworkerPage();
  const before = await caseStatus(client(), caseNumber);
  const response = await page.request.post(`/cases/${caseNumber}/actions/extend-cure-period`, {
    form: { until: '2030-01-31', reason: 'sent from another site' },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain('security token is missing or wrong');
  expect((await caseStatus(client(), caseNumber)).deadlines.cure).toEqual(before.deadlines.cure);

  // The login form has no session yet: its double-submit token must come back in the field too.
  const anonymous = await newPage();
  await anonymous.goto('/login');
  const login = await anonymous.request.post('/login', { form: { id: 'cw-web', password: PASSWORD }, maxRedirects: 0 });
  expect(login.status()).toBe(403);
  expect(login.headers()['set-cookie'] ?? '').not.toContain('dossier_session');
});

test('an expired, ended or forged session sends the browser to the login page, and back after it', async () => {
  const hoursAgo = new Accounts(office.database.db, () => new Date(Date.now() - 2 * 3_600_000));
  const expired = await hoursAgo.createSession({ id: 'cw-web', role: 'caseworker' }, 1);
  const ended = await office.accounts.createSession({ id: 'cw-web', role: 'caseworker' }, 1);
  await office.accounts.endSession(ended.sessionId);
  for (const session of [expired.sessionId, ended.sessionId, 'forged-c2Vzc2lvbi1pZC10aGF0LXdhcy1uZXZlci1pc3N1ZWQ']) {
    const page = await newPage({ session });
    await page.goto(`/cases/${caseNumber}`);
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === `/cases/${caseNumber}`);
  }
  // Logging in there leads back to the page asked for.
  const page = await newPage();
  await page.goto(`/cases/${caseNumber}`);
  await page.waitForURL((url) => url.pathname === '/login');
  await page.getByLabel('Account id').fill('cw-web');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.pathname === `/cases/${caseNumber}`);
});

test('the Dutch pages speak Dutch: from ?lang=nl, remembered, and from Accept-Language', async () => {
  const page = await caseworkerPage();
  await page.goto('/?lang=nl');
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nl');
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Werkvoorraad');
  await page.goto(`/cases/${caseNumber}`);
  await expect(page.getByRole('heading', { name: 'Termijnen' }).count()).resolves.toBe(1);
  await expect(page.locator('table.deadlines').textContent()).resolves.toContain('Hersteltermijn');
  await expect(page.getByRole('link', { name: 'Hersteltermijn verlengen' }).count()).resolves.toBe(1);
  await expect(page.getByRole('button', { name: 'Uitloggen' }).count()).resolves.toBe(1);

  const dutchBrowser = await newPage({ locale: 'nl-NL' });
  await dutchBrowser.goto('/login');
  await expect(dutchBrowser.getByLabel('Wachtwoord').count()).resolves.toBe(1);
  await expect(dutchBrowser.getByLabel('Accountnaam').count()).resolves.toBe(1);
});

test('a bulk action lists the matching cases in a dry run, and sends only on confirmation', async () => {
  // The listing reads Temporal's visibility, which follows the case's state a moment later.
  await waitFor(
    async () => (await listCases(client(), { states: ['awaitingEvidence'], overdue: false, running: true }, 10)).some((r) => r.caseNumber === caseNumber),
    'the case listed as awaitingEvidence',
  );
  const page = await caseworkerPage();
  await page.goto('/bulk');
  await page.getByLabel('Action', { exact: true }).selectOption('extend-cure-period');
  await page.getByRole('button', { name: 'Show its fields' }).click();
  await page.waitForURL((url) => url.searchParams.get('type') === 'extend-cure-period');
  await page.getByLabel('Awaiting evidence', { exact: true }).check();
  await page.getByLabel("Move each case's own cure deadline by this many days").fill('7');
  await page.getByLabel('Reason', { exact: true }).fill('the office was closed for a week');
  expect(await submit(page, () => page.getByRole('button', { name: 'Dry run' }).click())).toBe(200);

  const outcome = page.locator('table.outcomes tbody tr', { hasText: caseNumber });
  await expect(outcome.textContent()).resolves.toContain('would act');
  await expect(page.locator('table.outcomes tbody tr').count()).resolves.toBe(1);
  await expectAccessible(page);
  expect((await caseStatus(client(), caseNumber)).evidenceRequest?.extensions).toEqual([]);

  expect(await submit(page, () => page.getByRole('button', { name: 'Send to 1 case(s)' }).click())).toBe(200);
  await expect(page.locator('table.outcomes tbody tr', { hasText: caseNumber }).textContent()).resolves.toContain('accepted');
  expect((await caseStatus(client(), caseNumber)).evidenceRequest?.extensions).toHaveLength(1);
});

// Last: the throttle counts failures per address too, so after this no login from this address succeeds for a while.
test('after too many failed logins the form says when to try again, with 429', async () => {
  const page = await newPage();
  await page.goto('/login');
  let status = 0;
  for (let attempt = 0; attempt < 10 && status !== 429; attempt++) {
    await page.getByLabel('Account id').fill('nobody-here');
    await page.getByLabel('Password').fill('a guess at the password');
    status = await submit(page, () => page.getByRole('button', { name: 'Log in' }).click());
  }
  expect(status).toBe(429);
  await expect(page.getByRole('alert').textContent()).resolves.toMatch(/^Too many failed logins\. Try again in 15 minute\(s\), after \d\d:\d\d UTC\.$/);
});

/**
 * The applicant's page (issue 17) in a real browser (Debian's Chromium) against a whole office: a
 * caseworker asks for evidence, the applicant follows the link in the real notice (read from the
 * SMTP sink), sees the deadline and the documents asked for, uploads a PDF, and the case moves on;
 * the history shows the applicant via link and the document's hash, and a caseworker downloads the
 * same bytes. Too-large and disguised files are refused with a clear page; withdrawing needs its
 * confirmation; the pages speak Norwegian and Dutch with the right dates, and pass axe-core.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatDeadline } from '../../activities/notices';
import type { Language } from '../../domain/notices';
import { actOnCase, caseHistory, caseStatus, submitCase } from '../../platform/cases';
import { describeViolations, launchBrowser, seriousViolations } from '../support/browser';
import { anApplication, CASEWORKER, FACTS } from '../support/cases';
import { Office } from '../support/office';
import { waitFor } from '../support/wait';

const MAX_BYTES = 4096;
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n' +
    'trailer\n<< /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);
const TOO_LARGE = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(MAX_BYTES, 0x20), Buffer.from('\n%%EOF\n')]);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
const MISSING = ['valid passport', 'proof of address'];

let office: Office;
let browser: Browser;
const contexts: BrowserContext[] = [];
const client = () => office.harness.env.client;

async function newPage(session?: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: office.baseUrl, locale: 'en-GB' });
  contexts.push(context);
  if (session) await context.addCookies([{ name: 'dossier_session', value: session, url: office.baseUrl }]);
  return context.newPage();
}

/** A case asked for evidence by a caseworker; its notice's link path (`/a/TOKEN`) from the SMTP sink. */
async function caseAskedForEvidence(options: Parameters<typeof anApplication>[0] = {}): Promise<{ caseNumber: string; link: string }> {
  const application = anApplication(options);
  await submitCase(client(), office.config.TEMPORAL_TASK_QUEUE, application);
  await waitFor(async () => (await caseStatus(client(), application.caseNumber)).state === 'completenessCheck', 'the case in its completeness check');
  await actOnCase(client(), application.caseNumber, { type: 'request-evidence', missing: MISSING, actor: CASEWORKER });
  const mail = await waitFor(
    () => office.harness.smtp.received.find((m) => (m.parsed.subject ?? '').includes(application.caseNumber) && (m.parsed.text ?? '').includes(MISSING[0]!)),
    'the evidence-request notice',
  );
  const link = /\/a\/[A-Za-z0-9_-]+/.exec(mail.parsed.text ?? '')?.[0];
  if (!link) throw new Error(`no applicant link in the notice:\n${mail.parsed.text}`);
  return { caseNumber: application.caseNumber, link };
}

/** Posts a form by `click` and waits for the page that answers (its status). */
async function submit(page: Page, click: () => Promise<void>): Promise<number> {
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.waitForEvent('load'), click()]);
  return response.status();
}

async function expectAccessible(page: Page): Promise<void> {
  const violations = await seriousViolations(page);
  if (violations.length) throw new Error(`axe-core found serious or critical violations on the applicant page:\n${describeViolations(violations)}`);
}

const cureDate = async (caseNumber: string, lang: Language) => formatDeadline((await caseStatus(client(), caseNumber)).deadlines.cure!, lang);

beforeAll(async () => {
  [office, browser] = await Promise.all([Office.start({ DOSSIER_DOCUMENT_MAX_BYTES: String(MAX_BYTES) }), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await office?.stop();
});

test('the applicant follows the notice, sees the deadline and the documents asked for, uploads a PDF, and a caseworker downloads it', async () => {
  const { caseNumber, link } = await caseAskedForEvidence();
  const page = await newPage();
  await page.goto(link);
  await page.waitForURL((url) => url.pathname === `${link}/case`);
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`Your case ${caseNumber}`);
  const deadlines = (await page.locator('ul.deadlines').textContent()) ?? '';
  expect(deadlines).toContain(await cureDate(caseNumber, 'en'));
  expect(deadlines).toContain('Netherlands time');
  await expect(page.locator('ul.missing li').allTextContents()).resolves.toEqual(MISSING);
  await expect(page.locator('table.notices').textContent()).resolves.toContain('Documents needed by');
  // Only the applicant's own actions the case takes now: send documents, withdraw; no objection.
  await expect(page.getByRole('button', { name: 'Send the documents' }).count()).resolves.toBe(1);
  await expect(page.getByRole('link', { name: 'Withdraw my application' }).count()).resolves.toBe(1);
  await expect(page.locator('#f-reasons').count()).resolves.toBe(0);
  await expectAccessible(page);

  await page.getByLabel('Your documents').setInputFiles({ name: 'passport.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByRole('button', { name: 'Send the documents' }).click();
  await page.waitForURL((url) => url.searchParams.get('done') === 'supply-evidence');
  await expect(page.getByRole('status').textContent()).resolves.toBe('Thank you: we have received your documents.');
  await expect(page.locator('table.documents').textContent()).resolves.toContain('passport.pdf');
  await expectAccessible(page);

  expect((await caseStatus(client(), caseNumber)).state).toBe('readyForDecision');
  const hash = (await import('node:crypto')).createHash('sha256').update(PDF).digest('hex');
  const supplied = (await caseHistory(client(), caseNumber)).entries.find((e) => e.event === 'evidence supplied');
  expect(supplied?.by).toBe('applicant (via link)');
  expect(supplied?.what).toContain(`sha256 ${hash}`);

  // A caseworker downloads it from the case page: the same bytes, as an attachment of its type.
  const { sessionId } = await office.accounts.createSession({ id: 'cw-docs', role: 'caseworker' }, 1);
  const staff = await newPage(sessionId);
  await staff.goto(`/cases/${caseNumber}`);
  const download = staff.locator('table.documents a', { hasText: 'passport.pdf' });
  const href = (await download.getAttribute('href'))!;
  expect(href).toBe(`/cases/${caseNumber}/documents/${hash}`);
  const response = await staff.request.get(href);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="passport\.pdf"/);
  expect(Buffer.from(await response.body()).equals(PDF)).toBe(true);
  // Not for anyone without a staff session, and not under another case.
  const anonymous = await page.request.get(href, { maxRedirects: 0 });
  expect(anonymous.status()).toBe(303);
  const { caseNumber: other } = await caseAskedForEvidence();
  expect((await staff.request.get(`/cases/${other}/documents/${hash}`)).status()).toBe(404);
});

test('a too-large file and a renamed executable are refused with a clear page and change nothing; the Dutch page shows the date', async () => {
  const { caseNumber, link } = await caseAskedForEvidence({ contact: { language: 'nl' } });
  const page = await newPage();
  await page.goto(link);
  await page.waitForURL((url) => url.pathname === `${link}/case`);
  // The case's language first (Dutch), with its date and zone in Dutch words.
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nl');
  const deadlines = (await page.locator('ul.deadlines').textContent()) ?? '';
  expect(deadlines).toContain(await cureDate(caseNumber, 'nl'));
  expect(deadlines).toContain('Nederlandse tijd');
  await page.goto(`${link}/case?lang=en`);
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');

  const tries = [
    { name: 'big.pdf', buffer: TOO_LARGE, status: 413, says: 'The file "big.pdf" is too large: at most 4 KB is accepted.' },
    { name: 'x.pdf', buffer: ELF, status: 415, says: 'The file "x.pdf" is not a PDF, JPEG or PNG file (we check its content, not its name).' },
  ];
  for (const { name, buffer, status, says } of tries) {
    await page.goto(`${link}/case?lang=en`);
    await page.getByLabel('Your documents').setInputFiles({ name, mimeType: 'application/pdf', buffer });
    expect(await submit(page, () => page.getByRole('button', { name: 'Send the documents' }).click())).toBe(status);
    await expect(page.getByRole('alert').textContent()).resolves.toContain(says);
  }
  const after = await caseStatus(client(), caseNumber);
  expect(after.state).toBe('awaitingEvidence');
  expect(after.evidence).toEqual([]);
  expect((await caseHistory(client(), caseNumber)).entries.some((e) => e.event.startsWith('supply-evidence') || e.event === 'evidence supplied')).toBe(false);
});

test('withdrawing needs the confirmation step, and a form without its token changes nothing', async () => {
  const { caseNumber, link } = await caseAskedForEvidence();
  const page = await newPage();
  await page.goto(`${link}/case`);

  const forged = await page.request.post(`${link}/case/withdraw`, { form: { confirm: 'yes', _csrf: 'not-the-token' }, maxRedirects: 0 });
  expect(forged.status()).toBe(403);
  expect((await caseStatus(client(), caseNumber)).state).toBe('awaitingEvidence');

  await page.getByRole('link', { name: 'Withdraw my application' }).click();
  await page.waitForURL((url) => url.pathname === `${link}/case/withdraw`);
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Are you sure you want to withdraw?');
  expect((await caseStatus(client(), caseNumber)).state).toBe('awaitingEvidence');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Yes, withdraw my application' }).click();
  await page.waitForURL((url) => url.pathname === `${link}/case` && url.searchParams.get('done') === 'withdraw');
  await expect(page.getByRole('status').textContent()).resolves.toBe('Your application has been withdrawn.');
  expect((await caseStatus(client(), caseNumber)).state).toBe('withdrawn');
  // Nothing is offered any more.
  await expect(page.getByText('There is nothing you need to do on this page now.').count()).resolves.toBe(1);
  const withdrawn = (await caseHistory(client(), caseNumber)).entries.find((e) => e.event === 'withdrawn');
  expect(withdrawn?.by).toBe('applicant (via link)');
});

test('a Norwegian case speaks Norwegian, with the date in Norwegian and the zone named', async () => {
  const { caseNumber, link } = await caseAskedForEvidence({ facts: FACTS.noChild });
  const page = await newPage();
  await page.goto(link);
  await page.waitForURL((url) => url.pathname === `${link}/case`);
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('no');
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`Saken din ${caseNumber}`);
  const deadlines = (await page.locator('ul.deadlines').textContent()) ?? '';
  expect(deadlines).toContain(await cureDate(caseNumber, 'no'));
  expect(deadlines).toContain('norsk tid');
  await expect(page.getByRole('button', { name: 'Send dokumentene' }).count()).resolves.toBe(1);
  await expectAccessible(page);

  // A link that does not verify goes back to the link page, which explains.
  const broken = await page.goto(`${link.slice(0, -3)}xyz/case`);
  expect(broken?.status()).toBe(404);
  expect(new URL(page.url()).pathname).toBe(`${link.slice(0, -3)}xyz`);
});

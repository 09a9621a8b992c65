/**
 * Opening a case in the browser and working it to a decision there: a caseworker chooses the
 * jurisdiction, fills in the form generated from the application's schema field by field (the facts
 * of examples/nl-b16-3.51-partner.json, with a second permit row added and a discriminator's fields
 * shown), sees a bad e-mail address refused at its field, opens the case, confirms it complete and
 * grants it through the action forms, and reads the decision on the case page. A Norwegian case is
 * opened too, and opening it again leads to the case already open. The form passes axe-core.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { caseStatus } from '../../platform/cases';
import { describeViolations, launchBrowser, seriousViolations } from '../support/browser';
import { Office } from '../support/office';
import { waitFor } from '../support/wait';

const EXAMPLE = JSON.parse(readFileSync(resolve(__dirname, '../../examples/nl-b16-3.51-partner.json'), 'utf8'));

let office: Office;
let browser: Browser;
const contexts: BrowserContext[] = [];

const client = () => office.harness.env.client;

async function caseworkerPage(): Promise<Page> {
  const { sessionId } = await office.accounts.createSession({ id: 'cw-new', role: 'caseworker' }, 1);
  const context = await browser.newContext({ baseURL: office.baseUrl, locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  await context.addCookies([{ name: 'dossier_session', value: sessionId, url: office.baseUrl }]);
  return context.newPage();
}

/** Posts a form by `click` and waits for the page that answers: a form shown again at the same URL leaves no URL change to wait for. */
async function submit(page: Page, click: () => Promise<void>): Promise<number> {
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.waitForEvent('load'), click()]);
  return response.status();
}

async function expectAccessible(page: Page): Promise<void> {
  const violations = await seriousViolations(page);
  if (violations.length) throw new Error(`axe-core found serious or critical violations on ${page.url()}:\n${describeViolations(violations)}`);
}

/** The control named `name` (its name is the value's path in the application). */
const control = (page: Page, name: string) => page.locator(`[name="${name}"]`);

/** Opens the fieldset of an optional group, which is closed until something in it is filled in. */
const open = (page: Page, name: string) => page.locator(`#f-${name.replace(/\./g, '-')} > details > summary`).click();

/** The focused element's text (the tests compile without the DOM library, so the page is asked in a string). */
const focused = (page: Page): Promise<string> => page.evaluate('document.activeElement.textContent.trim()') as Promise<string>;

/** Chooses the jurisdiction on /cases/new, as a caseworker does. */
async function chooseJurisdiction(page: Page, code: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('link', { name: 'New case' }).click();
  await page.waitForURL((url) => url.pathname === '/cases/new');
  await page.getByLabel('Jurisdiction').selectOption(code);
  await page.getByRole('button', { name: 'Show the form' }).click();
  await page.waitForURL((url) => url.searchParams.get('jurisdiction') === code);
}

beforeAll(async () => {
  [office, browser] = await Promise.all([Office.start(), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await office?.stop();
});

test('a caseworker opens an NL case through the form and works it from submission to decision in the browser', async () => {
  const caseNumber = `NL-BROWSER-${process.pid}`;
  const page = await caseworkerPage();
  await chooseJurisdiction(page, 'NL');
  await expectAccessible(page);

  await control(page, 'caseNumber').fill(caseNumber);
  await control(page, 'contact.name').fill('Applicant Example');
  await control(page, 'contact.email').fill('applicant at example');
  await control(page, 'contact.language').selectOption('nl');
  const facts = EXAMPLE;
  await control(page, 'facts.applicant.dateOfBirth').fill(facts.applicant.dateOfBirth);
  await control(page, 'facts.applicant.nationality').fill(facts.applicant.nationality);

  // The first permit in the empty row, then "add a row" for the second.
  const [first, second] = facts.permits;
  await control(page, 'facts.permits.0.purpose').selectOption(first.purpose);
  await control(page, 'facts.permits.0.from').fill(first.from);
  await control(page, 'facts.permits.0.to').fill(first.to);
  expect(await control(page, 'facts.permits.1.from').count()).toBe(0);
  expect(await submit(page, () => page.getByRole('button', { name: 'Add a row: Permits held' }).click())).toBe(200);
  await expect(control(page, 'facts.permits.0.to').inputValue()).resolves.toBe(first.to);
  await control(page, 'facts.permits.1.purpose').selectOption(second.purpose);
  await control(page, 'facts.permits.1.from').fill(second.from);
  await control(page, 'facts.permits.1.to').fill(second.to);

  // A discriminator's choice shows that option's fields when the form is shown again.
  await open(page, 'facts.sponsor');
  await control(page, 'facts.sponsor.status').selectOption('deceased');
  expect(await submit(page, () => page.getByRole('button', { name: 'Show the fields for this choice: Main person (sponsor)' }).click())).toBe(200);
  await expect(control(page, 'facts.sponsor.diedOn').count()).resolves.toBe(1);
  await control(page, 'facts.sponsor.status').selectOption(facts.sponsor.status);
  expect(await submit(page, () => page.getByRole('button', { name: 'Show the fields for this choice: Main person (sponsor)' }).click())).toBe(200);
  await expect(control(page, 'facts.sponsor.diedOn').count()).resolves.toBe(0);

  await open(page, 'facts.relationship');
  await control(page, 'facts.relationship.kind').selectOption(facts.relationship.kind);
  await control(page, 'facts.relationship.start').fill(facts.relationship.start);
  await open(page, 'facts.relationship.ended');
  await control(page, 'facts.relationship.ended.on').fill(facts.relationship.ended.on);
  await control(page, 'facts.relationship.ended.how').selectOption(facts.relationship.ended.how);
  await open(page, 'facts.renewalConditionsMet');
  await control(page, 'facts.renewalConditionsMet.from').fill(facts.renewalConditionsMet.from);
  await control(page, 'facts.renewalConditionsMet.to').fill(facts.renewalConditionsMet.to);
  await control(page, 'facts.travelDocument.status').selectOption(facts.travelDocument.status);
  await control(page, 'facts.means.sufficient').selectOption(String(facts.means.sufficient));

  // The bad e-mail address first: refused at its field, everything else kept.
  expect(await submit(page, () => page.getByRole('button', { name: 'Open the case' }).click())).toBe(400);
  const email = control(page, 'contact.email');
  await expect(email.getAttribute('aria-invalid')).resolves.toBe('true');
  const errorId = ((await email.getAttribute('aria-describedby')) ?? '').split(' ').find((id) => id.endsWith('-error'));
  await expect(page.locator(`[id="${errorId}"]`).textContent()).resolves.toBe('must be an e-mail address');
  await expect(page.locator('.error-summary').textContent()).resolves.toContain('Contact › E-mail address: must be an e-mail address');
  await expect(control(page, 'facts.permits.1.to').inputValue()).resolves.toBe(second.to);
  await expect(control(page, 'facts.relationship.ended.how').inputValue()).resolves.toBe(facts.relationship.ended.how);
  await expectAccessible(page);

  await email.fill('applicant@example.test');
  await page.getByRole('button', { name: 'Open the case' }).click();
  await page.waitForURL((url) => url.pathname === `/cases/${caseNumber}` && url.searchParams.get('opened') === 'new');
  await expect(page.getByRole('status').textContent()).resolves.toBe(`Case ${caseNumber} is open.`);
  await waitFor(async () => (await caseStatus(client(), caseNumber)).state === 'completenessCheck', 'the case in completenessCheck');
  await page.reload();
  await expect(page.locator('dl.summary').textContent()).resolves.toContain('Completeness check');
  await expect(page.locator('table.timeline').textContent()).resolves.toContain('cw-new');

  await page.getByRole('link', { name: 'Confirm complete' }).click();
  await page.waitForURL((url) => url.pathname.endsWith('/actions/confirm-complete'));
  await page.getByRole('button', { name: 'Confirm complete' }).click();
  await page.waitForURL((url) => url.searchParams.get('done') === 'confirm-complete');
  // The facts filled in are the example's: the rules read them as B16/3.51 (policy grants).
  await expect(page.locator('#h-assessment + *').textContent()).resolves.toContain('Policy grants');

  await page.getByRole('link', { name: 'Grant', exact: true }).click();
  await page.waitForURL((url) => url.pathname.endsWith('/actions/grant'));
  await page.getByLabel('Grounds: the rules the decision rests on').fill('Vb 2000 art. 3.51 lid 1 sub a');
  await page.getByLabel('Restriction (purpose of residence)').fill('voortgezet verblijf');
  await page.getByLabel('Labour-market note').fill('arbeid vrij toegestaan; TWV niet vereist');
  await page.getByLabel('Valid from').fill('2027-01-01');
  await page.getByLabel('Valid until').fill('2031-12-31');
  await page.getByRole('button', { name: 'Grant', exact: true }).click();
  await page.waitForURL((url) => url.searchParams.get('done') === 'grant');
  await expect(page.getByRole('status').textContent()).resolves.toBe('Recorded: Grant.');
  const decision = page.locator('section[aria-labelledby="h-decision"]');
  await expect(decision.textContent()).resolves.toContain('Granted');
  await expect(decision.textContent()).resolves.toContain('Permit: voortgezet verblijf, 2027-01-01 to 2031-12-31');
  expect((await caseStatus(client(), caseNumber)).decision?.outcome).toBe('granted');
  await expectAccessible(page);
});

test('a caseworker opens an NO case; opening it again shows the case already open', async () => {
  const caseNumber = `NO-BROWSER-${process.pid}`;
  const page = await caseworkerPage();
  const fillIn = async () => {
    await chooseJurisdiction(page, 'NO');
    await control(page, 'caseNumber').fill(caseNumber);
    await control(page, 'contact.name').fill('Applicant Example');
    await control(page, 'contact.email').fill('applicant@example.test');
    await control(page, 'facts.applicant.dateOfBirth').fill('2012-09-15');
    await control(page, 'facts.applicant.nationality').fill('AFG');
    await control(page, 'facts.identity').selectOption('in-doubt');
    await control(page, 'facts.s38.unaccompaniedMinor.unaccompanied').check();
    await control(page, 'facts.s38.socialOrHumanitarianSituationOnReturn').check();
    await control(page, 'facts.s38.otherCircumstances').fill('no family to return to\nlong stay in the realm');
  };
  await fillIn();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Open the case' }).click();
  await page.waitForURL((url) => url.pathname === `/cases/${caseNumber}` && url.searchParams.get('opened') === 'new');
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`Case ${caseNumber}`);
  await expect(page.locator('dl.summary').textContent()).resolves.toContain('NO');

  await fillIn();
  await page.getByRole('button', { name: 'Open the case' }).click();
  await page.waitForURL((url) => url.pathname === `/cases/${caseNumber}` && url.searchParams.get('opened') === 'existing');
  await expect(page.getByRole('status').textContent()).resolves.toContain(`Case ${caseNumber} was already open`);
});

test('the form works by keyboard, speaks Dutch, and refuses an unknown jurisdiction at the chooser', async () => {
  const page = await caseworkerPage();
  // Keyboard only: Tab to "New case", Enter; the chooser's select and button; a closed group opens with Enter on its summary.
  await page.goto('/');
  for (let presses = 0; presses < 10 && (await focused(page)) !== 'New case'; presses++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/cases/new');
  await page.getByLabel('Jurisdiction').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.searchParams.get('jurisdiction') === 'NL');
  const sponsor = page.locator('#f-facts-sponsor > details');
  await expect(sponsor.getAttribute('open')).resolves.toBeNull();
  await sponsor.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(sponsor.getAttribute('open')).resolves.toBe('');

  await page.goto('/cases/new?jurisdiction=NL&lang=nl');
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Zaak openen');
  await expect(page.getByRole('button', { name: 'Zaak openen' }).count()).resolves.toBe(1);
  await expect(page.getByRole('link', { name: 'Nieuwe zaak' }).count()).resolves.toBe(1);
  const response = await page.goto('/cases/new?jurisdiction=XX&lang=en');
  expect(response?.status()).toBe(400);
  await expect(page.locator('.error').textContent()).resolves.toContain('There is no jurisdiction "XX"');
});

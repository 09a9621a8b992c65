/**
 * The permit holder's page (issue 17) in a real browser (Debian's Chromium) against a whole office:
 * a permit whose renewal window is open sends its renewal invitation with a signed link (read from
 * the SMTP sink); the holder follows it, sees the renew-by date and what the letter says about it,
 * files the renewal with the form prefilled from the original application (one field error first),
 * and the page shows the permit's renewal pending and the renewal case's number. A permit not yet in
 * its window shows no form; a link for another address opens nothing; the pages pass axe-core.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatDeadline } from '../../activities/notices';
import { addDays, addMonths, addYears, localDateOf } from '../../domain/calendar';
import { PERMIT_WORKFLOW, type PermitInput, permitNumberOf, permitWorkflowId } from '../../domain/permit';
import { submitCase } from '../../platform/cases';
import { signApplicantLink } from '../../platform/links';
import { permitStatus } from '../../platform/permits';
import { describeViolations, launchBrowser, seriousViolations } from '../support/browser';
import { anApplication, FACTS } from '../support/cases';
import { keyRingFor } from '../../platform/data-converter';
import { Office } from '../support/office';
import { waitFor } from '../support/wait';

let office: Office;
let browser: Browser;
let counter = 0;
const contexts: BrowserContext[] = [];
/** Workflows to end after the file: permits, their renewal cases and the original applications. */
const started: string[] = [];
const client = () => office.harness.env.client;
const DATE_OF_BIRTH = '#f-facts-applicant-dateOfBirth';

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: office.baseUrl, locale: 'en-GB' });
  contexts.push(context);
  return context.newPage();
}

/** An application case (its facts are what the renewal form is prefilled with) and the permit its grant would make, valid from today. */
async function aPermit(validUntilOf: (today: string) => string): Promise<PermitInput & { permitNumber: string }> {
  const caseNumber = `NL-HOLD${process.pid % 100_000}-${++counter}`;
  const application = anApplication({ caseNumber, facts: FACTS.nlPolicyGrants });
  await submitCase(client(), office.config.TEMPORAL_TASK_QUEUE, application);
  const today = localDateOf(new Date(), 'Europe/Amsterdam');
  const permit = {
    permitNumber: permitNumberOf(caseNumber),
    caseNumber,
    jurisdiction: 'NL' as const,
    holder: application.contact,
    nationality: 'MAR',
    restriction: 'voortgezet verblijf',
    labourMarketNote: 'free to work; no TWV required',
    validFrom: today,
    validUntil: validUntilOf(today),
    s38Limitations: [],
    grantedOn: today,
  };
  await client().workflow.start(PERMIT_WORKFLOW, {
    taskQueue: office.config.TEMPORAL_TASK_QUEUE,
    workflowId: permitWorkflowId(caseNumber),
    args: [{ permit }],
  });
  return permit;
}

/** Posts a form by `click` and waits for the page that answers (its status). */
async function submit(page: Page, click: () => Promise<void>): Promise<number> {
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.waitForEvent('load'), click()]);
  return response.status();
}

async function expectAccessible(page: Page): Promise<void> {
  const violations = await seriousViolations(page);
  if (violations.length) throw new Error(`axe-core found serious or critical violations on the holder's page:\n${describeViolations(violations)}`);
}

beforeAll(async () => {
  [office, browser] = await Promise.all([Office.start(), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  for (const id of started)
    await client()
      .workflow.getHandle(id)
      .terminate('test done')
      .catch(() => {});
  await office?.stop();
});

test('the holder follows the renewal invitation, sees the renew-by date, and files the renewal (after a field error)', async () => {
  const permit = await aPermit((today) => addDays(addMonths(today, 2), -1));
  started.push(permitWorkflowId(permit.caseNumber), `${permit.permitNumber}.renewal.1`, permit.caseNumber);
  const mail = await waitFor(
    () => office.harness.smtp.forCase(permit.permitNumber).find((m) => (m.parsed.subject ?? '').includes('Renew your residence permit')),
    'the renewal invitation',
  );
  const link = /\/a\/[A-Za-z0-9_-]+/.exec(mail.parsed.text ?? '')?.[0];
  if (!link) throw new Error(`no link in the renewal invitation:\n${mail.parsed.text}`);

  const page = await newPage();
  await page.goto(link);
  await page.waitForURL((url) => url.pathname === `${link}/case`);
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`Your residence permit ${permit.permitNumber}`);
  const status = await permitStatus(client(), permit.caseNumber);
  const renewal = (await page.locator('section[aria-labelledby="h-renewal"]').textContent()) ?? '';
  expect(renewal).toContain(formatDeadline(status.renewBy!, 'en'));
  expect(renewal).toContain('Netherlands time');
  expect(renewal).toContain('If you apply after your permit has expired');
  // Prefilled from the original application.
  await expect(page.locator(DATE_OF_BIRTH).inputValue()).resolves.toBe('1988-04-12');
  await expectAccessible(page);

  // A required fact left empty: the problem at its field, nothing filed.
  await page.locator(DATE_OF_BIRTH).fill('');
  expect(await submit(page, () => page.getByRole('button', { name: 'Apply for renewal' }).click())).toBe(400);
  await expect(page.locator(DATE_OF_BIRTH).getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(page.locator('.error-summary').count()).resolves.toBe(1);
  expect((await permitStatus(client(), permit.caseNumber)).state).toBe('valid');
  await expectAccessible(page);

  await page.locator(DATE_OF_BIRTH).fill('1988-04-12');
  await page.getByRole('button', { name: 'Apply for renewal' }).click();
  await page.waitForURL((url) => url.searchParams.get('done') === 'renewal');
  const renewalCase = `${permit.permitNumber}-R1`;
  await expect(page.getByRole('status').textContent()).resolves.toBe(`Your renewal application has been filed. Your renewal case number is ${renewalCase}.`);
  await expect(page.locator('section[aria-labelledby="h-state"]').textContent()).resolves.toContain('We have received your application to renew');
  await expect(page.getByRole('button', { name: 'Apply for renewal' }).count()).resolves.toBe(0);
  await expectAccessible(page);

  const after = await permitStatus(client(), permit.caseNumber);
  expect(after.state).toBe('renewalPending');
  expect(after.renewals).toMatchObject([{ caseNumber: renewalCase, timing: { kind: 'in-time' } }]);
  expect(after.renewals[0]!.filedOn).toBe(localDateOf(new Date(), 'Europe/Amsterdam'));
}, 60_000);

test('a permit not yet in its renewal window shows no form; a link for another address opens nothing', async () => {
  const permit = await aPermit((today) => addDays(addYears(today, 2), -1));
  started.push(permitWorkflowId(permit.caseNumber), permit.caseNumber);
  await waitFor(() => permitStatus(client(), permit.caseNumber).catch(() => undefined), 'the permit to start');
  const ring = keyRingFor(office.config);
  const expiresAt = new Date(Date.now() + 24 * 3600_000);
  const token = signApplicantLink(ring, { caseNumber: permit.permitNumber, email: permit.holder.email, expiresAt });

  const page = await newPage();
  await page.goto(`/a/${token}`);
  await page.waitForURL((url) => url.pathname === `/a/${token}/case`);
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`Your residence permit ${permit.permitNumber}`);
  await expect(page.locator('main').textContent()).resolves.toContain('You can apply for renewal from');
  await expect(page.getByRole('button', { name: 'Apply for renewal' }).count()).resolves.toBe(0);
  await expectAccessible(page);

  const other = signApplicantLink(ring, { caseNumber: permit.permitNumber, email: 'someone.else@example.test', expiresAt });
  expect((await page.goto(`/a/${other}/case`))?.status()).toBe(404);
}, 60_000);

/**
 * The applicant's signed link end to end (issue 17): a worker wired from the office's configuration
 * (worker/worker.ts `activitiesFor`) sends a real notice to a real SMTP server, and its link verifies
 * for that case and leads on; an expired link answers 410 and a forged one 404, each with a page that
 * says so in the visitor's language and a form to mail a fresh link; the form mails one for the
 * applicant's address (to a second SMTP server, the web app's SMTP_URL), answers a wrong address or an
 * unknown case with the very same page and sends nothing, refuses a missing CSRF token (403) and
 * stops mailing a case after five requests an hour.
 */
import { Worker } from '@temporalio/worker';
import { activitiesFor } from '../../worker/worker';
import { keyRingFor } from '../../platform/data-converter';
import { signApplicantLink, verifyApplicantLink } from '../../platform/links';
import { APPLICATION_WORKFLOW, statusQuery } from '../../workflows/definitions';
import { anApplication } from '../support/cases';
import { Office } from '../support/office';
import { SmtpSink, type ReceivedMail } from '../support/smtp';
import { bundleWorkflows, TEST_ENCRYPTION_ENV } from '../support/temporal';
import { waitFor } from '../support/wait';
import { caseQueueSinks } from '../../platform/case-queue';

const PUBLIC_URL = 'https://dossier.example.test';
const DAY_MS = 24 * 3600_000;

let office: Office;
/** Where the web app's own mail (fresh links) goes; the notices go to the harness's SMTP server. */
let linkMail: SmtpSink;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `links-${process.pid}`;

beforeAll(async () => {
  linkMail = await SmtpSink.start();
  office = await Office.start({ ...TEST_ENCRYPTION_ENV, SMTP_URL: linkMail.url, DOSSIER_PUBLIC_URL: PUBLIC_URL });
  // A worker as a deployment wires it from its configuration, on its own task queue: its notices carry the link.
  worker = await Worker.create({
    connection: office.harness.env.nativeConnection,
    namespace: office.harness.env.namespace ?? 'default',
    taskQueue,
    workflowBundle: await bundleWorkflows(),
    activities: activitiesFor(office.config, office.harness.mailer, office.harness.env.client),
    dataConverter: office.harness.env.client.options.dataConverter,
    sinks: caseQueueSinks(office.database.db, office.harness.env.client.options.dataConverter),
  });
  running = worker.run();
}, 180_000);

afterAll(async () => {
  if (worker) {
    worker.shutdown();
    await running;
  }
  await office?.stop();
  await linkMail?.close();
});

const ring = () => keyRingFor(office.config);

/** Opens a case on the linking worker's queue. */
async function openCase() {
  const application = anApplication();
  const handle = await office.harness.env.client.workflow.start(APPLICATION_WORKFLOW, {
    taskQueue,
    workflowId: application.caseNumber,
    args: [{ application }],
  });
  return { application, handle, caseNumber: application.caseNumber, email: application.contact.email };
}

/** The one link a message carries (its text), as URL and token. */
function linkIn(mail: ReceivedMail): { url: string; token: string } {
  const urls = (mail.parsed.text ?? '').match(/https?:\/\/\S+\/a\/[A-Za-z0-9_-]+/g) ?? [];
  expect(urls).toHaveLength(1);
  const url = urls[0]!;
  return { url, token: url.slice(url.lastIndexOf('/') + 1) };
}

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${office.baseUrl}${path}`, { headers, redirect: 'manual' });

/** The renewal form as a browser gets it: its CSRF cookie and the token of its hidden field. */
async function renewalForm(path = '/a/renew') {
  const response = await get(path);
  const page = await response.text();
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  expect(cookie).toMatch(/^dossier_link_csrf=/);
  expect(csrf).toBeTruthy();
  return { status: response.status, page, cookie: cookie!, csrf: csrf! };
}

async function postRenewal(fields: Record<string, string>, cookie?: string) {
  const response = await fetch(`${office.baseUrl}/a/renew`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  return { status: response.status, page: await response.text() };
}

async function askForLink(caseNumber: string, email: string) {
  const form = await renewalForm();
  return postRenewal({ _csrf: form.csrf, caseNumber, email, lang: 'en' }, form.cookie);
}

const loggedDenials = () =>
  office.logLines
    .map((line) => JSON.parse(line) as { denied?: { status: number; route: string; reason: string } })
    .flatMap((l) => (l.denied ? [l.denied] : []));

test('a real notice carries a link, at the public URL, whose token verifies for its case and applicant and leads to the case page', async () => {
  const { handle, caseNumber, email } = await openCase();
  const receipt = await waitFor(() => office.harness.smtp.forCase(caseNumber)[0], 'the receipt notice');
  const { url, token } = linkIn(receipt);
  expect(url).toBe(`${PUBLIC_URL}/a/${token}`);
  expect(receipt.parsed.text).toContain(`Your case online: ${url}\n`);
  expect(receipt.parsed.html || '').toContain(url);

  const check = verifyApplicantLink(ring(), token, new Date(), email);
  expect(check).toMatchObject({ ok: true, caseNumber });
  expect(verifyApplicantLink(ring(), token, new Date(), 'someone.else@example.test')).toEqual({ ok: false, reason: 'invalid' });
  // The receipt states the decision deadline: the link outlives it by 30 days, and lives at least DOSSIER_LINK_DAYS.
  const { deadlines, receivedAt } = await handle.query(statusQuery);
  const expiresAt = check.ok ? check.expiresAt.getTime() : 0;
  expect(expiresAt).toBeGreaterThanOrEqual(Math.floor((Date.parse(deadlines.decision!.dueAt!) + 30 * DAY_MS) / 1000) * 1000);
  expect(expiresAt).toBeGreaterThanOrEqual(Date.parse(receivedAt) + 60 * DAY_MS - 60_000);

  const followed = await get(`/a/${token}`);
  expect(followed.status).toBe(303);
  expect(followed.headers.get('location')).toBe(`/a/${token}/case`);
  // A token is a key to the case: it is never written to the log.
  expect(office.logLines.some((line) => line.includes(token))).toBe(false);
});

test("the case page opens for the applicant's own link only: one signed for this case and another address opens nothing", async () => {
  const { caseNumber, email } = await openCase();
  const expiresAt = new Date(Date.now() + DAY_MS);
  const own = await get(`/a/${signApplicantLink(ring(), { caseNumber, email, expiresAt })}/case`);
  expect(own.status).toBe(200);
  const other = await get(`/a/${signApplicantLink(ring(), { caseNumber, email: 'someone.else@example.test', expiresAt })}/case`);
  expect(other.status).toBe(404);
  expect(await other.text()).not.toContain(email);
});

test('an expired link answers 410 and a forged or altered one 404, each with a page that says so and a form for a fresh link', async () => {
  const caseNumber = 'NL-20260210-EXPIRED1';
  const expired = signApplicantLink(ring(), { caseNumber, email: 'someone@example.test', expiresAt: new Date(Date.now() - 1000) });
  const page = await get(`/a/${expired}`);
  const text = await page.text();
  expect(page.status).toBe(410);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  expect(page.headers.get('cache-control')).toBe('no-store');
  expect(text).toContain('<h1>This link has expired</h1>');
  expect(text).toContain('<form method="post" action="/a/renew"');
  expect(text).toMatch(/name="_csrf" value="[A-Za-z0-9_-]{43}"/);
  expect(page.headers.get('set-cookie')).toMatch(/^dossier_link_csrf=[A-Za-z0-9_-]{43}; Max-Age=3600; Path=\/a; HttpOnly; Secure; SameSite=Strict/);

  const forged = signApplicantLink(
    { currentKeyId: 'test-new', keys: new Map([['test-new', Buffer.alloc(32, 9)]]) },
    {
      caseNumber,
      email: 'someone@example.test',
      expiresAt: new Date(Date.now() + DAY_MS),
    },
  );
  const valid = signApplicantLink(ring(), { caseNumber, email: 'someone@example.test', expiresAt: new Date(Date.now() + DAY_MS) });
  const altered = `${valid.slice(0, 20)}${valid[20] === 'A' ? 'B' : 'A'}${valid.slice(21)}`;
  for (const token of [forged, altered, 'not-a-token']) {
    const response = await get(`/a/${token}`);
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(body).toContain('<h1>This link does not work</h1>');
    expect(body).toContain('action="/a/renew"');
  }

  // In the visitor's language: ?lang= first, else Accept-Language (Bokmål reads the Norwegian page).
  expect(await (await get(`/a/${expired}`, { 'accept-language': 'nl-NL,nl;q=0.9,en;q=0.8' })).text()).toContain('<h1>Deze link is verlopen</h1>');
  expect(await (await get(`/a/${expired}`, { 'accept-language': 'nb-NO,nb;q=0.9' })).text()).toContain('<h1>Denne lenken har utløpt</h1>');
  const norwegian = await (await get(`/a/${forged}?lang=no`, { 'accept-language': 'nl' })).text();
  expect(norwegian).toContain('<html lang="no">');
  expect(norwegian).toContain('<h1>Denne lenken virker ikke</h1>');
  expect(norwegian).toContain('Saksnummer');

  // Denials are logged with their reason only: no token, no case number.
  const denials = loggedDenials().filter((d) => d.route === '/a/:token');
  expect(denials.map((d) => d.status)).toEqual(expect.arrayContaining([410, 404]));
  expect(denials.find((d) => d.status === 410)?.reason).toBe('the applicant link has expired');
  expect(office.logLines.some((line) => line.includes(expired) || line.includes(forged) || line.includes(caseNumber))).toBe(false);
});

test('the form mails a fresh link to the applicant; a wrong address or an unknown case gets the same page and no mail', async () => {
  const { caseNumber, email } = await openCase();
  const wrong = 'not.the.applicant@example.test';
  const expired = signApplicantLink(ring(), { caseNumber, email, expiresAt: new Date(Date.now() - 1000) });
  const form = await renewalForm(`/a/${expired}`);
  expect(form.status).toBe(410);

  const wrongAnswer = await postRenewal({ _csrf: form.csrf, caseNumber, email: wrong, lang: 'en' }, form.cookie);
  const unknownAnswer = await askForLink('NL-20260210-NOSUCH01', email);
  const before = Date.now();
  // The address as typed may differ in case and spaces; the case number in case.
  const rightAnswer = await postRenewal({ _csrf: form.csrf, caseNumber: caseNumber.toLowerCase(), email: ` ${email.toUpperCase()} `, lang: 'en' }, form.cookie);
  for (const answer of [wrongAnswer, unknownAnswer, rightAnswer]) {
    expect(answer.status).toBe(200);
    expect(answer.page).toContain('If the address matches the case, a new link is on its way.');
  }
  expect(wrongAnswer.page).toBe(rightAnswer.page);
  expect(unknownAnswer.page).toBe(rightAnswer.page);

  // Mail goes out in request order; once the right address's has arrived, the others would have too.
  const [fresh] = await waitFor(() => linkMail.forCase(caseNumber).length > 0 && linkMail.forCase(caseNumber), 'the fresh link');
  // The link is signed after the answer (when the mail is sent), so its expiry is bounded by the mail's arrival.
  const after = Date.now();
  expect(linkMail.forCase(caseNumber)).toHaveLength(1);
  expect(linkMail.received.filter((m) => m.envelopeTo.includes(wrong) || m.parsed.subject?.includes('NOSUCH01'))).toEqual([]);
  expect(fresh!.envelopeTo).toEqual([email]);
  expect(fresh!.parsed.subject).toBe(`[${caseNumber}] A new link to your case`);
  const { url, token } = linkIn(fresh!);
  expect(url).toBe(`${PUBLIC_URL}/a/${token}`);
  const check = verifyApplicantLink(ring(), token, new Date(), email);
  expect(check).toMatchObject({ ok: true, caseNumber });
  const expiresAt = check.ok ? check.expiresAt.getTime() : 0;
  expect(expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 60 * DAY_MS);
  expect(expiresAt).toBeLessThanOrEqual(after + 60 * DAY_MS);
  expect((await get(`/a/${token}`)).status).toBe(303);

  // The refusals are logged without the case or either address.
  const reasons = loggedDenials()
    .filter((d) => d.route === '/a/renew')
    .map((d) => d.reason);
  expect(reasons).toEqual(expect.arrayContaining(['link renewal for an address that is not the applicant', 'link renewal for no such case']));
  expect(office.logLines.some((line) => line.includes(wrong) || line.includes(email) || line.includes(caseNumber))).toBe(false);
});

test('a renewal without its CSRF token, or with another, is refused with 403 and a renewed form', async () => {
  const { caseNumber, email } = await openCase();
  const form = await renewalForm();
  const missing = await postRenewal({ caseNumber, email });
  expect(missing.status).toBe(403);
  expect(missing.page).toContain('This form had expired. It has been renewed: please send it again.');
  expect(missing.page).toMatch(/name="_csrf" value="[A-Za-z0-9_-]{43}"/);
  expect((await postRenewal({ caseNumber, email, _csrf: form.csrf })).status).toBe(403);
  expect((await postRenewal({ caseNumber, email, _csrf: 'x'.repeat(43) }, form.cookie)).status).toBe(403);
  expect(loggedDenials().filter((d) => d.status === 403 && d.route === '/a/renew')).toHaveLength(3);

  // A form with bad fields is shown again with the problem at each field, in the form's language.
  const bad = await postRenewal({ _csrf: form.csrf, caseNumber: 'case 12', email: 'nobody', lang: 'nl' }, form.cookie);
  expect(bad.status).toBe(400);
  expect(bad.page).toContain('een zaaknummer ziet er zo uit: NL-20261123-1A2B3C4D');
  expect(bad.page).toContain('vul een e-mailadres in, bijvoorbeeld naam@voorbeeld.nl');
  expect(bad.page).toContain('aria-invalid="true"');

  // The refused requests sent nothing: a later good one for the same case is the only mail.
  await askForLink(caseNumber, email);
  await waitFor(() => linkMail.forCase(caseNumber).length > 0, 'the fresh link');
  expect(linkMail.forCase(caseNumber)).toHaveLength(1);
});

test('after five requests in an hour for a case, the page stays the same and nothing more is mailed for it', async () => {
  const limited = await openCase();
  const other = await openCase();
  for (let i = 0; i < 5; i++) expect((await askForLink(limited.caseNumber, `someone.${i}@example.test`)).status).toBe(200);
  const sixth = await askForLink(limited.caseNumber, limited.email);
  expect(sixth.status).toBe(200);
  expect(sixth.page).toContain('If the address matches the case, a new link is on its way.');
  await askForLink(other.caseNumber, other.email);
  await waitFor(() => linkMail.forCase(other.caseNumber).length > 0, 'the other case’s fresh link');
  expect(linkMail.forCase(limited.caseNumber)).toEqual([]);
  expect(loggedDenials().some((d) => d.reason === 'too many link renewals for this case or address')).toBe(true);
});

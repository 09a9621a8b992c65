/**
 * Every notice kind in every language, rendered and sent to a real SMTP server: the localized
 * deadline in text, HTML and calendar event, what to do, the legal basis, nothing left unfilled.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { endOfDay, type Jurisdiction } from '../../domain/calendar';
import { deadlineOf, LANGUAGES, NOTICE_KINDS, noticeKey, type Language, type Notice } from '../../domain/notices';
import { outboxMailer, smtpMailer, type Mailer } from '../../platform/mailer';
import { renderNotice } from '../../activities/notices';
import { NOTICE_TEXTS } from '../../activities/notice-texts';
import { SmtpSink } from '../support/smtp';
import { DUE, LOCALIZED, sampleNotices } from './notice-fixtures';

let smtp: SmtpSink;
let mailer: Mailer;

beforeAll(async () => {
  smtp = await SmtpSink.start();
  mailer = smtpMailer(smtp.url, 'office@ind.example.test');
});

afterAll(async () => {
  mailer?.close();
  await smtp?.close();
});

/** The DTSTART day of the calendar event in a received mail, if it has one. */
function calendarDay(mail: ParsedMail): string | undefined {
  const calendar = mail.attachments.find((a) => a.contentType === 'text/calendar');
  return calendar && /^DTSTART;VALUE=DATE:(\d{8})\r?$/m.exec(calendar.content.toString())?.[1];
}

/** Notices whose only date is the office's: they state no deadline of the applicant's and send no calendar event. */
const asksNothing = (notice: Notice) => notice.kind === 'receipt' || notice.kind === 'decision-period-extended';

const everyKindInEveryLanguage = LANGUAGES.flatMap((language) => NOTICE_KINDS.map((kind, i) => [language, kind, i] as const));

test.each(everyKindInEveryLanguage)('%s %s: received once, localized, with the legal basis and its calendar event', async (language, kind, i) => {
  const caseNumber = `NL-RENDER-${language.toUpperCase()}-${i}`;
  const notice = sampleNotices(language, caseNumber)[kind];
  await mailer.deliver(renderNotice(notice));

  const mails = smtp.forCase(caseNumber);
  expect(mails).toHaveLength(1);
  const { parsed, envelopeTo } = mails[0]!;
  const text = parsed.text!;
  const html = parsed.html as string;
  const deadline = asksNothing(notice) ? undefined : deadlineOf(notice);
  // A deadline reads "<day> (<ISO day>)" in every language; other notices name their own day.
  const date = deadline ? `${LOCALIZED[language].due} (${DUE})` : deadlineOf(notice) ? LOCALIZED[language].due : LOCALIZED[language].day;

  expect(envelopeTo).toEqual([notice.to.email]);
  expect(parsed.messageId).toBe(`<${noticeKey(notice)}@dossier>`);
  expect(parsed.headers.get('content-language')).toBe(NOTICE_TEXTS[language].locale);
  expect(parsed.subject).toMatch(new RegExp(`^\\[${caseNumber}\\] \\S`));
  expect(text).toContain(date);
  expect(html).toContain(date);
  expect(text).toMatch(new RegExp(`^${NOTICE_TEXTS[language].actionLabel}: \\S`, 'm'));
  // The legal basis, in the style of the case's law (test/activities/letters.test.ts reads each letter in full).
  const citesNothing = notice.jurisdiction === 'NO' && (kind === 'application-withdrawn' || kind === 'decision-period-extended');
  if (!citesNothing) expect(text).toMatch(/(artikel|paragraaf|§) \S/);
  expect(calendarDay(parsed)).toBe(deadline?.due.replaceAll('-', ''));
  for (const rendered of [parsed.subject!, text, html]) expect(rendered).not.toMatch(/undefined|null|NaN|\[object|[{}]/);
  // Only the data the notice needs: the name, never the address, and the name escaped in HTML.
  expect(text).not.toContain(notice.to.email);
  expect(html).toContain('Applicant &#60;Example&#62; &#38; Co');
  expect(html).not.toContain('<Example>');
});

test('every kind has its own text in every language (none copied from another language)', () => {
  for (const kind of NOTICE_KINDS) {
    const texts = LANGUAGES.map((language) => {
      const render = NOTICE_TEXTS[language].kinds[kind] as (n: Notice, dates: object) => unknown;
      const law = { cure: { consequence: 'may-not-process', citation: '#' }, renewal: null, grantTerms: 'restriction', permitRestrictions: null };
      return JSON.stringify(render(sampleNotices(language, 'NL-TEXT-0001')[kind], { date: () => '#', due: '#', remedy: 'objection', law }));
    });
    expect(new Set(texts).size).toBe(LANGUAGES.length);
  }
});

test("a notice names the remedy of its case's law: an objection in a Dutch case, an appeal in a Norwegian one, whatever the language", () => {
  const remedyNotice = (language: Language, jurisdiction: Jurisdiction) => {
    const { text, subject } = renderNotice({ ...sampleNotices(language, `${jurisdiction}-REMEDY-0001`)['objection-period'], jurisdiction });
    return `${subject}\n${text}`;
  };
  expect(remedyNotice('en', 'NL')).toContain('Deadline to object to the decision');
  expect(remedyNotice('en', 'NL')).toContain('Send us your objection in writing');
  expect(remedyNotice('en', 'NO')).toContain('Deadline to appeal the decision');
  expect(remedyNotice('en', 'NO')).toContain('Send us your appeal in writing');
  expect(remedyNotice('nl', 'NL')).toContain('Termijn voor bezwaar tegen het besluit');
  expect(remedyNotice('nl', 'NO')).toContain('Termijn voor beroep tegen het besluit');
  const withdrawn = (jurisdiction: Jurisdiction) =>
    renderNotice({ ...sampleNotices('en', `${jurisdiction}-WD-0001`)['application-withdrawn'], jurisdiction }).text;
  expect(withdrawn('NL')).toContain('Legal basis: artikel 1:3, derde lid, Awb.');
  // Dutch law is never quoted to a Norwegian applicant.
  expect(withdrawn('NO')).not.toContain('Awb');
});

test("the deadline is the day on which it ends in the office's time zone, not in UTC", () => {
  // The end of 3 April in São Paulo is already 4 April in UTC.
  const timeZone = 'America/Sao_Paulo';
  const request = sampleNotices('en', 'NL-TZ-0001')['evidence-request'];
  const notice = { ...request, deadline: { ...request.deadline, dueAt: endOfDay(DUE, timeZone), timeZone } };
  expect(notice.deadline.dueAt.slice(0, 10)).toBe('2026-04-04');

  const { text, calendar } = renderNotice(notice);
  expect(text).toMatch(/^Deadline: Friday 3 April 2026 \(2026-04-03\), end of the day, Bras[ií]lia \S+ Time\.$/m);
  expect(calendar).toMatch(/^DTSTART;VALUE=DATE:20260403\r$/m);
});

test('the outbox keeps one .eml per notice, named by its key; delivering it again finds the file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dossier-outbox-'));
  try {
    const outbox = outboxMailer(dir, 'office@ind.example.test');
    const notice = sampleNotices('nl', 'NL-OUTBOX-0001')['evidence-request'];
    const first = await outbox.deliver(renderNotice(notice));
    const second = await outbox.deliver(renderNotice(notice));

    expect([first.fresh, second.fresh]).toEqual([true, false]);
    expect(await readdir(dir)).toEqual([`${noticeKey(notice)}.eml`]);
    const parsed = await simpleParser(await readFile(first.location));
    expect(parsed.subject).toBe(`[NL-OUTBOX-0001] Documenten nodig uiterlijk ${LOCALIZED.nl.due}`);
    expect(calendarDay(parsed)).toBe('20260403');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

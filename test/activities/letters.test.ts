/**
 * Every kind of letter, in every language, for every country, read as the applicant reads it: the
 * rights clause of each decision with its period and the body that decides, citations in the style
 * of the case's law (never the pack's English notation, never an office note), no deadline where
 * the letter asks nothing, and the letter's identity. The rendered text of each is kept under
 * test/activities/golden/, reviewed once by a person: any change of wording shows in review.
 * `UPDATE_GOLDEN=1 npx jest test/activities/letters.test.ts` writes them after a deliberate change.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeDeadline, type Jurisdiction } from '../../domain/calendar';
import { jurisdictionPack } from '../../domain/jurisdictions';
import { LANGUAGES, NOTICE_KINDS, type Language, type Notice } from '../../domain/notices';
import { formatDeadline, renderNotice } from '../../activities/notices';
import { NOTICE_TEXTS } from '../../activities/notice-texts';
import { DAY, sampleNotices } from './notice-fixtures';
import { noticeLinks } from '../../activities/applicant-links';
import { verifyApplicantLink } from '../../platform/links';

const GOLDEN = join(__dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const ISSUED_AT = new Date('2026-02-10T09:30:00Z');
/** The office's configuration: fictitious addresses and numbers. */
const OFFICES = {
  NL: { address: ['Postbus 0000', '0000 AA Voorbeeldstad'], phone: '+31 20 123 4567', email: 'office@ind.example.test' },
  NO: { address: ['Postboks 0000', '0000 Eksempelby'], phone: '+47 00 00 00 00', email: 'office@udi.example.test' },
};
const COUNTRIES: Jurisdiction[] = ['NL', 'NO'];
/** A fixed key, so each letter's signed link (and so its golden file) is always the same. */
const RING = { currentKeyId: 'golden', keys: new Map([['golden', Buffer.alloc(32, 7)]]) };
const LINK = noticeLinks({ ring: RING, days: 60, url: (token) => `https://dossier.example.test/a/${token}` });
const applicantPageLink = (notice: Notice) => LINK(notice, ISSUED_AT);

/** Each kind once, and the decisions once more in their other outcome. */
function variants(language: Language, jurisdiction: Jurisdiction): [string, Notice][] {
  const caseNumber = `${jurisdiction}-20260210-LETTER01`;
  const notices = sampleNotices(language, caseNumber, jurisdiction);
  const withFileNumber = (n: Notice): Notice => ({ ...n, to: { ...n.to, fileNumber: jurisdiction === 'NL' ? '1234567890' : '201612345678' } });
  return [
    ...NOTICE_KINDS.map((kind) => [kind, withFileNumber(notices[kind])] as [string, Notice]),
    [
      'decision-granted',
      {
        ...notices.decision,
        outcome: 'granted',
        permit: {
          restriction: jurisdiction === 'NL' ? 'voortgezet verblijf' : 'sterke menneskelige hensyn',
          labourMarketNote: jurisdiction === 'NL' ? 'arbeid vrij toegestaan. TWV niet vereist.' : 'adgang til arbeid',
          validFrom: '2026-02-10',
          validUntil: '2027-02-09',
          ...(jurisdiction === 'NO' ? { s38Limitations: ['no-basis-for-permanent-permit', 'not-renewable'] as const } : {}),
        },
      } as Notice,
    ],
    ['objection-decision-well-founded', { ...notices['objection-decision'], outcome: 'well-founded' }],
  ];
}

const table = COUNTRIES.flatMap((country) =>
  LANGUAGES.flatMap((language) => variants(language, country).map(([name, notice]) => [country, language, name, notice] as const)),
);

/** Signs of the pack's English notation or of an office note: never in a letter. */
const NOT_FOR_APPLICANTS =
  /\bart\. \d|\bs\. \d|\bparagraph\b|Immigration Act|office policy|IND practice|IND policy|extended by|to (be )?confirm|\bnull\b|undefined/i;
const DUTCH_LAW = /\b(Awb|Vw 2000|Vb 2000|Vc 2000|bezwaarschrift)\b/;
const NORWEGIAN_LAW = /\b(forvaltningsloven|utlendingsloven|domstolloven)\b/;
const DECISIONS = new Set(['decision', 'decision-granted', 'objection-decision', 'objection-decision-well-founded', 'withdrawal']);

test.each(table)('%s %s %s reads as a letter the authority could send', (country, language, name, notice) => {
  const t = NOTICE_TEXTS[language];
  const { subject, text, html, calendar } = renderNotice(notice, { office: OFFICES[country], issuedAt: ISSUED_AT, applicantPageLink });
  const letter = `Subject: ${subject}\n\n${text}`;
  const file = join(GOLDEN, country, language, `${name}.txt`);
  if (UPDATE) {
    mkdirSync(join(GOLDEN, country, language), { recursive: true });
    writeFileSync(file, letter);
  } else {
    expect(existsSync(file)).toBe(true);
    expect(letter).toBe(readFileSync(file, 'utf8'));
  }

  // Citations in the law's own style; nothing internal; the case's own country's law only.
  expect(text).not.toMatch(NOT_FOR_APPLICANTS);
  expect(text).not.toMatch(country === 'NL' ? NORWEGIAN_LAW : DUTCH_LAW);

  // Each provision of the legal basis is cited as the country's law cites it.
  const [before, after] = t.legalBasis(notice.kind, '\u0000').split('\u0000') as [string, string];
  const line = text.split('\n').find((l) => l.startsWith(before));
  const basis = line?.slice(before.length, line.length - after.length);
  const citesNothing = country === 'NO' && (notice.kind === 'application-withdrawn' || notice.kind === 'decision-period-extended');
  expect(basis === undefined).toBe(citesNothing);
  const style = country === 'NL' ? /^(artikel|artikelen|paragraaf) [\d:.B]/ : /^[a-zæøå]+(loven|forskriften) §/;
  for (const provision of basis?.split('; ') ?? []) expect(provision).toMatch(style);

  // The letter identifies itself and how to reply.
  const { letters } = jurisdictionPack(country);
  expect(text).toContain(letters.authority);
  expect(text).toContain(OFFICES[country].address.join(', '));
  expect(text).toContain(notice.caseNumber);
  if (notice.to.fileNumber) expect(text).toContain(`${letters.fileNumberName}: ${notice.to.fileNumber}`);
  // Every letter offers the applicant's signed link to this case, for the letter's addressee.
  const token = /https:\/\/dossier\.example\.test\/a\/([A-Za-z0-9_-]+)$/m.exec(text)?.[1];
  expect(html).toContain(`https://dossier.example.test/a/${token}`);
  expect(verifyApplicantLink(RING, token ?? '', ISSUED_AT, notice.to.email)).toMatchObject({ ok: true, caseNumber: notice.caseNumber });
  expect(text).toContain(t.closing({ name: letters.authority, address: [] }).join('\n'));

  // A notice that asks nothing states no deadline of the applicant's.
  const deadlineLine = new RegExp(`^${t.deadline('X', DAY, 'Y').split(' ')[0]}`, 'm');
  if (notice.kind === 'receipt' || notice.kind === 'decision-period-extended') {
    expect(text).not.toMatch(deadlineLine);
    expect(calendar).toBeUndefined();
  }

  // Every decision carries its rights clause: the period, its last day and the body that decides.
  if (DECISIONS.has(name)) {
    const next = notice.kind === 'objection-decision' ? letters.afterRemedy(notice.outcome) : { kind: 'rights' as const, clause: letters.remedy };
    if (next.kind === 'forwarded') {
      expect(text).toContain(next.to);
    } else {
      const { period, decidedBy } = next.clause;
      const unit = { nl: { weeks: 'weken', days: 'dagen' }, en: { weeks: 'weeks', days: 'days' }, no: { weeks: 'uker', days: 'dager' } }[language][period.unit];
      expect(text).toContain(`${period.amount} ${unit}`);
      const from = 'withdrawnOn' in notice ? notice.withdrawnOn : (notice as { decidedOn: string }).decidedOn;
      const due = ('deadline' in notice && notice.deadline) || computeDeadline({ jurisdiction: country, kind: period.calendar, from });
      expect(text).toContain(formatDeadline(due, language));
      if (decidedBy.name) expect(text).toContain(decidedBy.name);
      if (country === 'NL') expect(text).toMatch(decidedBy.kind === 'court' ? /rechtbank|court|domstol/ : /IND/);
    }
  }

  // Norwegian sentences start with a capital, not a weekday; Dutch time is "Nederlandse tijd".
  if (language === 'no') expect(text).not.toMatch(/(^|[.!?] )(mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)/m);
  if (language === 'nl') expect(text).not.toContain('tijdzone');
});

test('the evidence request warns that an incomplete Dutch application may be declared not processed (Awb 4:5)', () => {
  const { text } = renderNotice(sampleNotices('nl', 'NL-20260210-CURE0001', 'NL')['evidence-request'], { issuedAt: ISSUED_AT });
  expect(text).toContain('kunnen wij besluiten uw aanvraag niet te behandelen (artikel 4:5, eerste lid, aanhef en onder c, Awb)');
});

test('a Norwegian appeal the office does not uphold goes to UNE, not to court', () => {
  const { text, subject } = renderNotice(sampleNotices('en', 'NO-20260210-UNE00001', 'NO')['objection-decision'], { issuedAt: ISSUED_AT });
  // The letter says what happened: the appeal went on, undecided; it is not "dismissed".
  expect(subject).toBe('[NO-20260210-UNE00001] Your appeal has been sent to Utlendingsnemnda (UNE)');
  expect(text).toContain('to Utlendingsnemnda (UNE), which decides it (forvaltningsloven § 33)');
  expect(text).not.toMatch(/court/);
});

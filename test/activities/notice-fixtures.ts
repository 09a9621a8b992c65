/** One notice of every kind, for any language: no real person's data. */
import { computeDeadline, endOfDay, officeTimeZone, type Jurisdiction, type PeriodKind } from '../../domain/calendar';
import { jurisdictionPack, type PermitView } from '../../domain/jurisdictions';
import type { Language, NoticeDeadline, NoticeKind, NoticeOf } from '../../domain/notices';

/** The deadline every deadline-carrying fixture states, and the day the others are about. */
export const DUE = '2026-04-03';
export const DAY = '2026-02-10';

/** How each language writes those days (checked by hand, not by the code under test). */
export const LOCALIZED: Record<Language, { due: string; day: string }> = {
  nl: { due: 'vrijdag 3 april 2026', day: 'dinsdag 10 februari 2026' },
  en: { due: 'Friday 3 April 2026', day: 'Tuesday 10 February 2026' },
  no: { due: 'fredag 3. april 2026', day: 'tirsdag 10. februar 2026' },
};

/** The citations a deadline of `kind` carries in `jurisdiction`, as the calendar gives them (some include office policy, which letters must leave out). */
const periodCitations = (jurisdiction: Jurisdiction, kind: PeriodKind) => computeDeadline({ jurisdiction, kind, from: '2026-03-06' }).citations;

/** The citations each kind's notice carries in a case of `jurisdiction`, taken from its pack as the machines would send them. */
function lawOf(jurisdiction: Jurisdiction) {
  const { procedure } = jurisdictionPack(jurisdiction);
  const nl = jurisdiction === 'NL';
  return {
    cure: periodCitations(jurisdiction, 'cure'),
    // Norway sets no decision period; its notices of one are never sent, so they cite nothing.
    decision: nl ? periodCitations('NL', 'decision') : [],
    remedy: periodCitations(jurisdiction, procedure.remedy.period),
    renewal: procedure.renewal.calendar('2026-06-30').deadline.citations,
    expiry: [procedure.renewal.notRenewable({} as PermitView)],
    grounds: nl ? ['Vb 2000 art. 3.51 lid 1 sub a'] : ['Immigration Act (NO) s. 38 first paragraph'],
    rules: nl ? ['Vb 2000 art. 3.51 lid 1 sub a; Vc 2000 B16/3.1'] : ['Immigration Act (NO) s. 38 second paragraph letter a'],
    withdrawal: [procedure.withdrawal.basis],
    independence: nl ? ['Vb 2000 art. 3.50; Vc 2000 B16/2 sub a and b (held, as a minor, a permit for family reunification)'] : ['Immigration Act (NO) s. 38'],
  };
}

export function sampleNotices(
  language: Language,
  caseNumber: string,
  jurisdiction: Jurisdiction = language === 'no' ? 'NO' : 'NL',
): { [K in NoticeKind]: NoticeOf<K> } {
  const timeZone = officeTimeZone(jurisdiction);
  const law = lawOf(jurisdiction);
  const deadline = (citations: string[]): NoticeDeadline => ({ due: DUE, dueAt: endOfDay(DUE, timeZone), timeZone, citations });
  let sequence = 0;
  const base = () => ({
    caseNumber,
    jurisdiction,
    to: { name: 'Applicant <Example> & Co', email: `applicant.${language}@example.test`, language },
    sequence: ++sequence,
  });
  const missing = ['valid passport', 'proof of address'];
  return {
    receipt: { ...base(), kind: 'receipt', receivedOn: DAY, deadline: law.decision.length ? deadline(law.decision) : null },
    'evidence-request': { ...base(), kind: 'evidence-request', missing, deadline: deadline(law.cure) },
    'cure-reminder': { ...base(), kind: 'cure-reminder', missing, deadline: deadline(law.cure) },
    'deadline-extended': {
      ...base(),
      kind: 'deadline-extended',
      missing,
      previousDue: DAY,
      deadline: deadline([...law.cure, 'extended by the caseworker: office closed after an outage']),
    },
    'decision-period-extended': { ...base(), kind: 'decision-period-extended', reason: 'country-report', previousDue: DAY, deadline: deadline(law.decision) },
    decision: { ...base(), kind: 'decision', outcome: 'refused', grounds: law.grounds, rules: law.rules, decidedOn: DAY },
    'objection-decision': { ...base(), kind: 'objection-decision', outcome: 'unfounded', grounds: law.grounds, decidedOn: DAY },
    'application-withdrawn': { ...base(), kind: 'application-withdrawn', withdrawnOn: DAY },
    'objection-period': { ...base(), kind: 'objection-period', decidedOn: DAY, deadline: deadline(law.remedy) },
    'renewal-invitation': { ...base(), kind: 'renewal-invitation', permitValidUntil: '2026-06-30', deadline: deadline(law.renewal) },
    'renewal-reminder': { ...base(), kind: 'renewal-reminder', permitValidUntil: '2026-06-30', deadline: deadline(law.renewal) },
    expiry: { ...base(), kind: 'expiry', renewable: false, deadline: deadline(law.expiry) },
    conversion: {
      ...base(),
      kind: 'conversion',
      convertedOn: DAY,
      validUntil: '2031-02-09',
      grounds: law.grounds,
      restriction: 'voortgezet verblijf',
      labourMarketNote: 'arbeid vrij toegestaan. TWV niet vereist.',
    },
    withdrawal: { ...base(), kind: 'withdrawal', withdrawnOn: DAY, grounds: law.withdrawal, deadline: deadline(law.remedy) },
    'independent-permit': { ...base(), kind: 'independent-permit', eligibleOn: DAY, grounds: law.independence },
  };
}

/** One notice of every kind, for any language: no real person's data. */
import { endOfDay, officeTimeZone, type Jurisdiction } from '../../domain/calendar';
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

export function sampleNotices(language: Language, caseNumber: string): { [K in NoticeKind]: NoticeOf<K> } {
  const jurisdiction: Jurisdiction = language === 'no' ? 'NO' : 'NL';
  const timeZone = officeTimeZone(jurisdiction);
  const deadline: NoticeDeadline = { due: DUE, dueAt: endOfDay(DUE, timeZone), timeZone, citations: ['Awb 4:5', 'Vc 2000 B16/7'] };
  let sequence = 0;
  const base = () => ({
    caseNumber,
    jurisdiction,
    to: { name: 'Applicant <Example> & Co', email: `applicant.${language}@example.test`, language },
    sequence: ++sequence,
  });
  const missing = ['valid passport', 'proof of address'];
  const grounds = ['Vb 2000 art. 3.51 lid 1 sub a'];
  return {
    receipt: { ...base(), kind: 'receipt', receivedOn: DAY, deadline },
    'evidence-request': { ...base(), kind: 'evidence-request', missing, deadline },
    'cure-reminder': { ...base(), kind: 'cure-reminder', missing, deadline },
    'deadline-extended': { ...base(), kind: 'deadline-extended', missing, previousDue: DAY, deadline },
    'decision-period-extended': { ...base(), kind: 'decision-period-extended', reason: 'country-report', previousDue: DAY, deadline },
    decision: { ...base(), kind: 'decision', outcome: 'refused', grounds, rules: ['Vc 2000 B16/3.1'], decidedOn: DAY },
    'objection-decision': { ...base(), kind: 'objection-decision', outcome: 'unfounded', grounds, decidedOn: DAY },
    'application-withdrawn': { ...base(), kind: 'application-withdrawn', withdrawnOn: DAY },
    'objection-period': { ...base(), kind: 'objection-period', decidedOn: DAY, deadline },
    'renewal-invitation': { ...base(), kind: 'renewal-invitation', permitValidUntil: '2026-06-30', deadline },
    'renewal-reminder': { ...base(), kind: 'renewal-reminder', permitValidUntil: '2026-06-30', deadline },
    expiry: { ...base(), kind: 'expiry', renewable: true, deadline },
    conversion: { ...base(), kind: 'conversion', convertedOn: DAY, validUntil: '2031-02-09', grounds },
    withdrawal: { ...base(), kind: 'withdrawal', withdrawnOn: DAY, grounds, deadline },
    'independent-permit': { ...base(), kind: 'independent-permit', eligibleOn: DAY, grounds: ['Vb 2000 art. 3.50'] },
  };
}

/** The decision clock ledger: the deadline derived from the period, suspensions and extensions. */
import { computeDeadline } from '../../domain/calendar';
import { decisionDeadline, extend, openDecisionClock, resume, suspend } from '../../domain/decision-clock';
import { penaltyFor } from '../../domain/jurisdictions/nl/penalty';

const CURE = { legalBasis: 'Awb 4:15(1)(a)', reason: 'evidence requested' };

test('at receipt the deadline is the decision period of Vw 2000 art. 25(1) from the calendar', () => {
  const clock = openDecisionClock('NL', '2026-03-02');
  const period = computeDeadline({ jurisdiction: 'NL', kind: 'decision', from: '2026-03-02' });
  expect(clock).toEqual([{ kind: 'period', legalBasis: expect.stringContaining('art. 25'), start: '2026-03-02', end: period.nominalDue, noticeKey: null }]);
  // 2 March + 90 days = 31 May 2026, a Sunday: Atw art. 1 moves it to Monday 1 June.
  expect(period.nominalDue).toBe('2026-05-31');
  expect(decisionDeadline('NL', clock)).toMatchObject({ due: '2026-06-01', dueAt: '2026-06-01T21:59:59.999Z', suspendedDays: 0 });
});

test('while a suspension is open the deadline is unknown; closed, it adds the days the clock stood still', () => {
  let clock = suspend(openDecisionClock('NL', '2026-03-02'), { ...CURE, start: '2026-03-10' });
  expect(decisionDeadline('NL', clock)).toMatchObject({ due: null, dueAt: null, suspendedSince: '2026-03-10' });
  clock = resume(clock, '2026-03-20');
  expect(clock[1]).toMatchObject({ kind: 'suspension', start: '2026-03-10', end: '2026-03-20' });
  // 31 May + 10 days = 10 June 2026, a Wednesday.
  expect(decisionDeadline('NL', clock)).toMatchObject({ due: '2026-06-10', suspendedDays: 10, suspendedSince: null, adjustments: [] });
});

test('an extension adds months to the deadline as it stands, after the suspensions before it', () => {
  let clock = suspend(openDecisionClock('NL', '2026-03-02'), { ...CURE, start: '2026-03-10' });
  clock = resume(clock, '2026-03-20');
  clock = extend(clock, { legalBasis: 'Vw 2000 art. 25(2)', reason: 'ambtsbericht requested', start: '2026-04-01', months: 6 });
  // 10 June + 6 months = 10 December 2026, a Thursday.
  expect(decisionDeadline('NL', clock)?.due).toBe('2026-12-10');
});

test('the clock cannot be suspended twice at once', () => {
  const clock = suspend(openDecisionClock('NL', '2026-03-02'), { ...CURE, start: '2026-03-10' });
  expect(() => suspend(clock, { ...CURE, start: '2026-03-11' })).toThrow('already suspended');
});

test('Norway sets no decision period: the ledger is empty and there is no deadline', () => {
  expect(openDecisionClock('NO', '2026-03-02')).toEqual([]);
  expect(decisionDeadline('NO', [])).toBeNull();
});

test.each([
  ['before the first penalty day', '2026-07-14', 0, 0],
  ['on the first penalty day', '2026-07-15', 1, 23],
  ['after 14 days at EUR 23', '2026-07-28', 14, 14 * 23],
  ['into the second rate', '2026-07-29', 15, 14 * 23 + 35],
  ['at the 42-day maximum', '2026-08-25', 42, 14 * 23 + 14 * 35 + 14 * 45],
  ['past the maximum', '2026-12-31', 42, 14 * 23 + 14 * 35 + 14 * 45],
])('Awb 4:17 penalty, notice of default received 1 July 2026: %s', (_, asOf, days, amount) => {
  const penalty = penaltyFor('2026-07-01', asOf);
  expect(penalty).toMatchObject({ firstPenaltyDay: '2026-07-15', lastPossiblePenaltyDay: '2026-08-25', days, amountEur: amount });
});

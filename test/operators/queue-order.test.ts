/** The order of a work queue: overdue first, then the soonest deadline, cases without a deadline last. */
import { queueOrder, type CaseRow } from '../../platform/case-list';

const row = (caseNumber: string, nextDeadline: string | null, overdue = false): CaseRow => ({
  caseNumber,
  nextDeadline,
  overdue,
  state: 'awaitingEvidence',
  jurisdiction: 'NL',
  execution: 'RUNNING',
  startedAt: '2026-11-01T09:00:00.000Z',
});

test('overdue cases first, then by next deadline, then cases without one, ties by case number', () => {
  const rows = [
    row('NL-0004', null),
    row('NL-0003', '2027-01-10T22:59:59.999Z'),
    row('NL-0002', '2026-12-15T22:59:59.999Z'),
    row('NL-0005', '2027-02-01T22:59:59.999Z', true),
    row('NL-0001', '2026-12-15T22:59:59.999Z'),
    row('NL-0000', null),
  ];
  expect(rows.sort(queueOrder).map((r) => r.caseNumber)).toEqual(['NL-0005', 'NL-0001', 'NL-0002', 'NL-0003', 'NL-0000', 'NL-0004']);
});

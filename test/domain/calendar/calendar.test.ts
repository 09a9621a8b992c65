/**
 * The calendar's contract and building blocks: Easter by computus, decree days as data, versions,
 * time zones and bad input. The legal scenarios themselves are in ./scenarios (scenarios.test.ts).
 */
import {
  CalendarInputError,
  computeDeadline,
  easterSunday,
  endOfDay,
  holidaysIn,
  isWorkingDay,
  localDateOf,
  nonWorkingReasons,
  officeTimeZone,
  parseDecreeDays,
  periodKinds,
  versionInForce,
  type DecreeDay,
  type PeriodKind,
} from '../../../domain/calendar';
import { jurisdictionPack } from '../../../domain/jurisdictions';

describe('Easter Sunday by the Gregorian computus', () => {
  test.each([
    [1818, '1818-03-22'], // the earliest possible date
    [1943, '1943-04-25'], // the latest possible date
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2038, '2038-04-25'],
  ])('%i: %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  test('movable feasts follow Easter: Ascension +39, Whit Monday +50 (Atw art. 3(1))', () => {
    const nl2027 = holidaysIn('NL', 2027);
    expect(nl2027.find((h) => h.name.startsWith('Ascension'))?.date).toBe('2027-05-06');
    expect(nl2027.find((h) => h.name.startsWith('Whit Monday'))?.date).toBe('2027-05-17');
    // In 2027 Whit Monday and 17 May coincide in Norway: one day, two reasons.
    const reasons = nonWorkingReasons('NO', '2027-05-17');
    expect(reasons).toHaveLength(2);
    expect(reasons.some((r) => r.startsWith('Whit Monday (andre pinsedag)'))).toBe(true);
    expect(reasons.some((r) => r.startsWith('17 May, Constitution Day'))).toBe(true);
  });

  test('refuses years outside the Gregorian calendar', () => {
    expect(() => easterSunday(1500)).toThrow(RangeError);
  });
});

describe('decree days (Atw art. 3(3)) are data', () => {
  test('the shipped decree days parse, and each names its decree', () => {
    const DECREE_DAYS = jurisdictionPack('NL').calendar.decreeDays;
    expect(DECREE_DAYS.map((d) => d.date)).toContain('2026-05-15');
    for (const day of DECREE_DAYS) expect(day.decree).toMatch(/^Besluit gelijkstelling .*Atw art\. 3\(3\)/);
  });

  test('an extra decree day makes a working day a non-working day, only in its own jurisdiction', () => {
    const extra: DecreeDay[] = [{ jurisdiction: 'NL', date: '2026-06-10', name: 'Test day', decree: 'Besluit (test), Atw art. 3(3)' }];
    expect(isWorkingDay('NL', '2026-06-10')).toBe(true);
    expect(isWorkingDay('NL', '2026-06-10', { extraDecreeDays: extra })).toBe(false);
    expect(nonWorkingReasons('NL', '2026-06-10', { extraDecreeDays: extra })).toEqual([
      'Test day (equated with a holiday by decree), Besluit (test), Atw art. 3(3)',
    ]);
    expect(isWorkingDay('NO', '2026-06-10', { extraDecreeDays: extra })).toBe(true);
  });

  test('a bad decree-day list is rejected with the entry and field named', () => {
    expect(() => parseDecreeDays({ days: [{ jurisdiction: 'NL', date: '2026-02-30', name: 'x', decree: 'y' }] })).toThrow(/days.*0.*date|not a calendar date/s);
    expect(() => parseDecreeDays({ days: [{ jurisdiction: 'SE', date: '2026-02-03', name: 'x', decree: 'y' }] })).toThrow(/jurisdiction/);
  });
});

describe('versions', () => {
  const versions = [
    { validFrom: '2001-04-01', source: 'first', length: 6 },
    { validFrom: '2013-06-01', source: 'second', length: 90 },
  ];

  test('the version in force is the latest that has begun', () => {
    expect(versionInForce(versions, '2001-03-31')).toBeUndefined();
    expect(versionInForce(versions, '2001-04-01')?.source).toBe('first');
    expect(versionInForce(versions, '2013-05-31')?.source).toBe('first');
    expect(versionInForce(versions, '2013-06-01')?.source).toBe('second');
    expect(versionInForce([...versions].reverse(), '2030-01-01')?.source).toBe('second');
  });

  test('the decision period reports the version it used (Vw 2000 art. 25(1))', () => {
    const before = computeDeadline({ jurisdiction: 'NL', kind: 'decision', from: '2013-05-31' });
    const after = computeDeadline({ jurisdiction: 'NL', kind: 'decision', from: '2013-06-01' });
    expect(before.period).toEqual({ amount: 6, unit: 'months', direction: 'forward' });
    expect(before.law).toMatchObject({ onDate: '2013-05-31', validFrom: '2001-04-01' });
    expect(after.period).toEqual({ amount: 90, unit: 'days', direction: 'forward' });
    expect(after.law).toMatchObject({ onDate: '2013-06-01', validFrom: '2013-06-01' });
    expect(after.due).toBe('2013-08-30');
  });
});

describe('the deadline contract used by the machines', () => {
  test('NL cure: 14 days from the request date, to the end of that day in Amsterdam', () => {
    const result = computeDeadline({ jurisdiction: 'NL', kind: 'cure', from: '2026-06-01' });
    expect(result).toMatchObject({
      kind: 'cure',
      jurisdiction: 'NL',
      from: '2026-06-01',
      due: '2026-06-15',
      dueAt: '2026-06-15T21:59:59.999Z',
      timeZone: 'Europe/Amsterdam',
      adjustments: [],
    });
    expect(result.citations[0]).toMatch(/Vc 2000 B16\/7; Awb 4:5/);
  });

  test('dueAt is the end of the due day in the office zone, across daylight-saving changes', () => {
    expect(officeTimeZone('NL')).toBe('Europe/Amsterdam');
    expect(officeTimeZone('NO')).toBe('Europe/Oslo');
    expect(endOfDay('2026-03-28', 'Europe/Amsterdam')).toBe('2026-03-28T22:59:59.999Z'); // CET
    expect(endOfDay('2026-03-29', 'Europe/Amsterdam')).toBe('2026-03-29T21:59:59.999Z'); // CEST from that night
    expect(endOfDay('2026-10-25', 'Europe/Oslo')).toBe('2026-10-25T22:59:59.999Z'); // back to CET
    expect(localDateOf('2026-03-29T21:59:59.999Z', 'Europe/Amsterdam')).toBe('2026-03-29');
    expect(localDateOf('2026-03-29T22:00:00.000Z', 'Europe/Amsterdam')).toBe('2026-03-30');
  });

  test('the winter deadline of an NO appeal ends at 23:59:59.999 Oslo time', () => {
    const result = computeDeadline({ jurisdiction: 'NO', kind: 'appeal', from: '2026-12-04' });
    expect(result.due).toBe('2026-12-28');
    expect(result.dueAt).toBe('2026-12-28T22:59:59.999Z');
    expect(result.timeZone).toBe('Europe/Oslo');
  });

  test('every period kind of each jurisdiction computes and cites its source', () => {
    expect(periodKinds('NL')).toEqual(['cure', 'decision', 'objection', 'renewal-window']);
    expect(periodKinds('NO')).toEqual(['cure', 'appeal', 'renewal']);
    const expected: Record<string, string> = {
      'NL cure': '2026-09-28',
      'NL decision': '2026-12-14', // 90 days: Sunday 13 December runs on to Monday
      'NL objection': '2026-10-12',
      'NL renewal-window': '2026-06-14',
      'NO cure': '2026-09-28',
      'NO appeal': '2026-10-05',
      'NO renewal': '2026-08-14',
    };
    for (const jurisdiction of ['NL', 'NO'] as const) {
      for (const kind of periodKinds(jurisdiction)) {
        const result = computeDeadline({ jurisdiction, kind, from: '2026-09-14' });
        expect(`${jurisdiction} ${kind} ${result.due}`).toBe(`${jurisdiction} ${kind} ${expected[`${jurisdiction} ${kind}`]}`);
        expect(result.citations.join(' ')).toMatch(/Vw 2000|Vc 2000|IND|forvaltningsloven|utlendingsloven|Immigration Act/);
      }
    }
  });

  test('each adjustment is one day passed over, with the article', () => {
    const result = computeDeadline({ jurisdiction: 'NL', kind: 'objection', from: '2026-04-16' });
    for (const a of result.adjustments) {
      expect(a.movedTo).toBe(new Date(Date.parse(`${a.date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10));
      expect(a.reason).toMatch(/Atw art\. 1\(1\)/);
    }
    expect(result.adjustments.at(-1)?.movedTo).toBe(result.due);
  });
});

describe('bad input names the argument', () => {
  const attempt = (args: { jurisdiction: string; kind: string; from: string; onDate?: string }) => {
    try {
      computeDeadline(args as { jurisdiction: 'NL'; kind: PeriodKind; from: string; onDate?: string });
    } catch (err) {
      return err as CalendarInputError;
    }
    throw new Error('expected a CalendarInputError');
  };

  test('unknown kind for the jurisdiction lists the known kinds', () => {
    const err = attempt({ jurisdiction: 'NO', kind: 'objection', from: '2026-09-14' });
    expect(err).toBeInstanceOf(CalendarInputError);
    expect(err.field).toBe('kind');
    expect(err.message).toBe('unknown period kind "objection" for NO; known: cure, appeal, renewal');
  });

  test('an impossible date', () => {
    const err = attempt({ jurisdiction: 'NL', kind: 'cure', from: '2026-02-30' });
    expect(err.field).toBe('from');
    expect(err.message).toBe('"2026-02-30" is not a calendar date (YYYY-MM-DD)');
  });

  test('an unknown jurisdiction', () => {
    expect(attempt({ jurisdiction: 'SE', kind: 'cure', from: '2026-02-03' }).field).toBe('jurisdiction');
  });

  test('a date before the law dossier models is refused, not answered under the wrong law', () => {
    const err = attempt({ jurisdiction: 'NL', kind: 'decision', from: '2000-06-01' });
    expect(err.field).toBe('onDate');
    expect(err.message).toMatch(/before 2001-04-01/);
  });
});

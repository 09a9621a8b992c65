/**
 * Ten years of one permit on the time-skipping test server: a renewal every two years, each
 * through a renewal case, the workflow continuing as new at each. Every run's history stays under
 * EVENTS_PER_RUN, and nothing is lost across continue-as-new: every invitation and reminder arrives
 * at a real SMTP server with its dates, and every renewal is in the final state.
 */
import { formatLegalDate } from '../../activities/notices';
import { addDays, addYears, daysBetween, type LocalDate } from '../../domain/calendar';
import type { Actor } from '../../domain/roles';
import { startOfDay } from '../../domain/calendar';
import { renewalCalendar } from '../../domain/permit';
import { FACTS } from '../support/cases';
import { aPermitNumber, PermitHarness } from '../support/permits';

/** The bound on history events per run of the permit workflow that this test checks. */
const EVENTS_PER_RUN = 100;
const YEARS = 10;

let h: PermitHarness;
beforeAll(async () => {
  h = await PermitHarness.start('permit-history-test');
}, 120_000);
afterAll(() => h?.close());

const AMS = 'Europe/Amsterdam';
const HOLDER: Actor = { id: 'portal-7781', role: 'applicant' };
const en = (date: LocalDate) => formatLegalDate(date, 'en');

test(`${YEARS} years, a renewal every two years: each run under ${EVENTS_PER_RUN} events, no timer or notice lost`, async () => {
  const start = await h.today();
  const permitNumber = aPermitNumber('NL');
  const permit = {
    permitNumber,
    caseNumber: permitNumber.replace('-V', '-C'),
    jurisdiction: 'NL' as const,
    holder: { name: 'Holder Example', email: 'holder.history@example.test', language: 'en' as const },
    nationality: 'MAR',
    restriction: 'voortgezet verblijf',
    labourMarketNote: 'free to work; no TWV required',
    validFrom: start,
    validUntil: addDays(addYears(start, 2), -1),
    s38Limitations: [],
    grantedOn: start,
  };
  const handle = await h.startPermit(permit);

  const expected: string[] = [];
  let validUntil = permit.validUntil;
  let n = 0;
  while ((await h.today()) < addYears(start, YEARS)) {
    n++;
    const calendar = renewalCalendar('NL', validUntil);
    await h.skipPast(startOfDay(calendar.inviteOn, AMS));
    expected.push(`Renew your residence permit by ${en(validUntil)}`);
    // Every other period the holder waits for the reminder.
    if (n % 2 === 0) {
      await h.skipPast(startOfDay(calendar.remindOn, AMS));
      expected.push(`Reminder: renew your residence permit by ${en(validUntil)}`);
    }
    expect(h.subjects(permitNumber)).toEqual(expected);

    await h.act(handle, { type: 'file-renewal', filedOn: await h.today(), facts: FACTS.nlPolicyGrants, actor: HOLDER });
    const renewalCase = h.env.client.workflow.getHandle(`${permitNumber}.renewal.${n}`);
    await h.cases.act(renewalCase, { type: 'confirm-complete' });
    const next = {
      restriction: 'voortgezet verblijf',
      labourMarketNote: 'free to work; no TWV required',
      validFrom: addDays(validUntil, 1),
      validUntil: addYears(validUntil, 2),
    };
    await h.cases.act(renewalCase, { type: 'grant', grounds: ['Vb 2000 art. 3.51 lid 1 sub a'], permit: next });
    await h.until(
      () => h.status(handle),
      (s) => s.generation === n,
      `renewal ${n}`,
    );
    validUntil = next.validUntil;
  }

  const status = await h.status(handle);
  const simulatedDays = daysBetween(start, await h.today());
  expect(simulatedDays).toBeGreaterThanOrEqual(daysBetween(start, addYears(start, YEARS)));
  expect(n).toBeGreaterThanOrEqual(5);
  // Nothing lost: every renewal and every earlier period is in the state the last run carries.
  expect(status).toMatchObject({ state: 'valid', generation: n, permit: { validUntil }, period: { invitedAt: null, remindedAt: null } });
  expect(status.renewals.map((r) => [r.n, r.result?.outcome, r.timing.kind])).toEqual(Array.from({ length: n }, (_, i) => [i + 1, 'granted', 'in-time']));
  expect(status.history).toHaveLength(n);
  for (const [i, period] of status.history.entries()) expect(addDays(period.validUntil, 1)).toBe(status.history[i + 1]?.validFrom ?? status.permit.validFrom);
  expect(status.timers.expiry!.at).toBe(renewalCalendar('NL', validUntil).expiresAt);
  // Each notice states its period's dates and has its own sequence (Message-ID) across runs.
  const mails = h.mails(permitNumber);
  expect(mails.map((m) => m.parsed.subject!.replace(`[${permitNumber}] `, ''))).toEqual(expected);
  expect(new Set(mails.map((m) => m.parsed.messageId)).size).toBe(mails.length);

  const runs = await h.runs(handle.workflowId, handle.firstExecutionRunId);
  expect(runs).toHaveLength(n + 1);
  const longest = Math.max(...runs.map((r) => r.events));
  console.log(
    `permit history: ${runs.length} runs over ${simulatedDays} simulated days; ` +
      `events per run ${runs.map((r) => r.events).join(', ')} (bound ${EVENTS_PER_RUN})`,
  );
  expect(longest).toBeLessThan(EVENTS_PER_RUN);
  await handle.terminate('test done');
}, 300_000);

/**
 * The permit workflow on the time-skipping test server: renewal (in time, late within four weeks,
 * later), a non-renewable s. 38 permit, conversion after one year (and one a contra-indication
 * stops), withdrawal. Each asserts the notices a real SMTP server received and the dates in them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { formatLegalDate } from '../../activities/notices';
import { addDays, addMonths, addYears, computeDeadline, endOfDay, type LocalDate } from '../../domain/calendar';
import type { Actor } from '../../domain/roles';
import { startOfDay } from '../../domain/calendar';
import { OLD_ACT_ESTATE_RESTRICTION, renewalCalendar, type PermitInput } from '../../domain/permit';
import { FACTS } from '../support/cases';
import { aPermitNumber, PermitHarness } from '../support/permits';

let h: PermitHarness;
beforeAll(async () => {
  h = await PermitHarness.start('permit-workflow-test');
}, 120_000);
afterAll(() => h?.close());

const AMS = 'Europe/Amsterdam';
const OSLO = 'Europe/Oslo';
const CASEWORKER: Actor = { id: 'cw-0042', role: 'caseworker' };
const HOLDER: Actor = { id: 'portal-7781', role: 'applicant' };
const en = (date: LocalDate) => formatLegalDate(date, 'en');

function aPermit(validFrom: LocalDate, validUntil: LocalDate, overrides: Partial<PermitInput> = {}): PermitInput {
  const jurisdiction = overrides.jurisdiction ?? 'NL';
  const permitNumber = aPermitNumber(jurisdiction);
  return {
    permitNumber,
    caseNumber: permitNumber.replace('-V', '-C'),
    jurisdiction,
    holder: { name: 'Holder Example', email: `${permitNumber.toLowerCase()}@example.test`, language: jurisdiction === 'NO' ? 'no' : 'en' },
    nationality: 'MAR',
    restriction: 'voortgezet verblijf',
    labourMarketNote: 'free to work; no TWV required',
    validFrom,
    validUntil,
    s38Limitations: [],
    grantedOn: validFrom,
    ...overrides,
  };
}
const fileRenewal = (filedOn: LocalDate, lateReason?: string) => ({
  type: 'file-renewal' as const,
  filedOn,
  facts: FACTS.nlPolicyGrants,
  actor: HOLDER,
  ...(lateReason ? { lateReason } : {}),
});

test('invited when the window opens, reminded, renewed through a renewal case; the workflow continues as new with the new terms', async () => {
  const today = await h.today();
  const permit = aPermit(today, addDays(addMonths(today, 6), -1));
  const calendar = renewalCalendar('NL', permit.validUntil);
  const handle = await h.startPermit(permit);

  await h.skipPast(startOfDay(calendar.inviteOn, AMS));
  expect(h.subjects(permit.permitNumber)).toEqual([`Renew your residence permit by ${en(permit.validUntil)}`]);
  await h.skipPast(startOfDay(calendar.remindOn, AMS));
  expect(h.subjects(permit.permitNumber)).toEqual([
    `Renew your residence permit by ${en(permit.validUntil)}`,
    `Reminder: renew your residence permit by ${en(permit.validUntil)}`,
  ]);

  const filedOn = await h.today();
  const pending = await h.act(handle, fileRenewal(filedOn));
  expect(pending).toMatchObject({
    state: 'renewalPending',
    renewals: [{ n: 1, filedOn, timing: { kind: 'in-time' }, workflowId: `${permit.permitNumber}.renewal.1` }],
  });

  // The renewal case is the application lifecycle, decided by a caseworker.
  const renewalCase = h.env.client.workflow.getHandle(`${permit.permitNumber}.renewal.1`);
  await h.cases.act(renewalCase, { type: 'confirm-complete' });
  const terms = {
    restriction: 'voortgezet verblijf',
    labourMarketNote: 'free to work; no TWV required',
    validFrom: addDays(permit.validUntil, 1),
    validUntil: addYears(permit.validUntil, 5),
  };
  await h.cases.act(renewalCase, { type: 'grant', grounds: ['Vb 2000 art. 3.51 lid 1 sub a'], permit: terms });

  const renewed = await h.until(
    () => h.status(handle),
    (s) => s.generation === 1,
    'the renewal to reach the permit',
  );
  expect(renewed).toMatchObject({
    state: 'valid',
    permit: { validFrom: terms.validFrom, validUntil: terms.validUntil },
    history: [{ validFrom: permit.validFrom, validUntil: permit.validUntil, endedBy: 'renewal' }],
    renewals: [{ result: { outcome: 'granted' } }],
  });
  // The new run carries the new period's timers as absolute instants.
  const next = renewalCalendar('NL', terms.validUntil);
  expect(renewed.timers).toMatchObject({
    'renewal-invitation': { at: startOfDay(next.inviteOn, AMS) },
    'renewal-reminder': { at: startOfDay(next.remindOn, AMS) },
    expiry: { at: endOfDay(terms.validUntil, AMS) },
  });
  const runs = await h.runs(handle.workflowId, handle.firstExecutionRunId);
  expect(runs).toHaveLength(2);

  const [invitation, reminder] = h.mails(permit.permitNumber);
  expect(invitation!.parsed.text).toContain(`Your residence permit is valid until ${en(permit.validUntil)}.`);
  expect(invitation!.parsed.text).toContain(`Deadline: ${en(permit.validUntil)} (${permit.validUntil})`);
  expect(reminder!.parsed.text).toContain('We have not yet received an application for renewal.');
  expect(h.subjects(`${permit.permitNumber}-R1`)).toEqual(['Application received', 'Decision on your application: granted']);
  await handle.terminate('test done');
});

test('NL late renewal: within four weeks of expiry no gap; six weeks late a reason is required and the gap recorded', async () => {
  const today = await h.today();
  const validUntil = addDays(addMonths(today, 2), -1);
  const inGrace = aPermit(today, validUntil);
  const late = aPermit(today, validUntil);
  const [first, second] = [await h.startPermit(inGrace), await h.startPermit(late)];

  await h.skipPast(endOfDay(validUntil, AMS));
  expect((await h.status(first)).state).toBe('lapsed');
  await h.env.sleep('10 days');
  const graceFiledOn = await h.today();
  const noGap = await h.act(first, fileRenewal(graceFiledOn));
  expect(noGap.renewals[0]).toMatchObject({ filedOn: graceFiledOn, timing: { kind: 'late-no-gap', graceEnds: addDays(validUntil, 28) } });

  await h.env.sleep('32 days');
  const lateFiledOn = await h.today();
  expect(await h.rejection(second, fileRenewal(lateFiledOn))).toMatch(/after the grace period that followed the expiry on .*give lateReason/);
  const gap = await h.act(second, fileRenewal(lateFiledOn, 'the holder was abroad caring for a parent'));
  expect(gap.renewals[0]).toMatchObject({ timing: { kind: 'late-gap', gap: { from: addDays(validUntil, 1), to: addDays(lateFiledOn, -1) } }, lateness: null });
  const assessed = await h.act(second, { type: 'assess-lateness', excusable: false, grounds: ['no proof of the stay abroad'], actor: CASEWORKER });
  expect(assessed.renewals[0]!.lateness).toMatchObject({ excusable: false });

  // Both were invited (the window was already open) and reminded before they expired.
  for (const permit of [inGrace, late]) {
    expect(h.subjects(permit.permitNumber)).toEqual([
      `Renew your residence permit by ${en(validUntil)}`,
      `Reminder: renew your residence permit by ${en(validUntil)}`,
    ]);
  }
  // The holders withdraw the renewal applications: the cases end, and each permit is back to lapsed.
  for (const [permit, handle] of [
    [inGrace, first],
    [late, second],
  ] as const) {
    await h.cases.act(h.env.client.workflow.getHandle(`${permit.permitNumber}.renewal.1`), { type: 'withdraw' });
    const back = await h.until(
      () => h.status(handle),
      (s) => s.renewals[0]?.result !== null,
      'the withdrawn renewal case',
    );
    expect(back).toMatchObject({ state: 'lapsed', renewals: [{ result: { outcome: 'withdrawn' } }] });
  }
  await first.terminate('test done');
  await second.terminate('test done');
});

test('a non-renewable s. 38 permit: an expiry notice, no invitation, and the permit ends on its last day', async () => {
  const today = await h.today(OSLO);
  const validUntil = addDays(addMonths(today, 5), -1);
  const permit = aPermit(today, validUntil, {
    jurisdiction: 'NO',
    s38Limitations: ['not-renewable', 'validity-under-one-year', 'no-basis-for-permanent-permit'],
  });
  const handle = await h.startPermit(permit);
  expect(await h.rejection(handle, { ...fileRenewal(today), facts: FACTS.noChild })).toMatch(/not renewable \(Immigration Act \(NO\) s\. 38 fifth paragraph\)/);
  // Sent when a renewable permit would have been invited, three months before expiry.
  const noticeDay = addMonths(validUntil, -3);
  await h.skipPast(startOfDay(noticeDay, OSLO));
  const { period } = await h.status(handle);
  expect(period.invitedAt! >= startOfDay(noticeDay, OSLO) && period.invitedAt! <= endOfDay(noticeDay, OSLO)).toBe(true);

  const result = await handle.result();
  expect(result).toMatchObject({ ending: 'expired', renewals: [] });
  const no = formatLegalDate(validUntil, 'no');
  expect(h.subjects(permit.permitNumber)).toEqual([`Oppholdstillatelsen din utløper ${no}`]);
  const [notice] = h.mails(permit.permitNumber);
  expect(notice!.parsed.text).toContain('Den ble gitt uten mulighet for fornyelse');
  expect(notice!.parsed.text).toContain(`(${validUntil})`);
});

test('old-act estate permits: one converts after exactly one year, a contra-indication stops the other; the art. 3.50 date is told', async () => {
  const today = await h.today();
  const validUntil = addDays(addYears(today, 2), -1);
  const anniversary = addYears(today, 1);
  const admission = { admittedOn: addMonths(today, -6), dateOfBirth: addYears(today, -15) };
  const converts = aPermit(today, validUntil, { restriction: OLD_ACT_ESTATE_RESTRICTION, admittedAsMinorForFamilyReunification: admission });
  const stopped = aPermit(today, validUntil, { restriction: OLD_ACT_ESTATE_RESTRICTION });
  await h.flag({ [stopped.permitNumber]: [{ ground: 'public-order', detail: 'conviction, 14 months imprisonment', recordedOn: addMonths(today, 3) }] });
  const [first, second] = [await h.startPermit(converts), await h.startPermit(stopped)];

  await h.skipPast(startOfDay(anniversary, AMS));
  const converted = await h.until(
    () => h.status(first),
    (s) => s.generation === 1,
    'the conversion',
  );
  expect(converted).toMatchObject({
    state: 'valid',
    permit: { restriction: 'voortgezet verblijf', validFrom: anniversary, validUntil: addDays(addYears(anniversary, 5), -1) },
    conversion: { status: 'converted', dueOn: anniversary, findings: [] },
    history: [{ restriction: OLD_ACT_ESTATE_RESTRICTION, validFrom: today, validUntil, endedBy: 'conversion' }],
    independence: { eligibleOn: addMonths(today, 6) },
  });
  expect(await h.runs(first.workflowId, first.firstExecutionRunId)).toHaveLength(2);
  expect(h.subjects(converts.permitNumber)).toEqual(['You may apply for a residence permit of your own', 'Your residence permit has been converted']);
  const [independent, conversion] = h.mails(converts.permitNumber);
  expect(independent!.parsed.text).toContain(`From ${en(addMonths(today, 6))} you meet the one-year condition`);
  expect(independent!.parsed.text).toContain('artikel 3.50 Vb 2000');
  expect(conversion!.parsed.text).toContain(
    `On ${en(anniversary)} your residence permit was converted automatically into a permit with the restriction "voortgezet verblijf".`,
  );
  expect(conversion!.parsed.text).toContain(`It is valid until ${en(addDays(addYears(anniversary, 5), -1))}.`);
  expect(conversion!.parsed.text).toContain('paragraaf B16/7.1 Vc 2000');

  const review = await h.until(
    () => h.status(second),
    (s) => s.conversion?.status === 'review',
    'the contra-indication review',
  );
  expect(review).toMatchObject({ generation: 0, permit: { restriction: OLD_ACT_ESTATE_RESTRICTION }, conversion: { findings: [{ ground: 'public-order' }] } });
  expect(review.allowedActions).toContain('resolve-contra-indication');
  expect(existsSync(join(h.registerDir, 'reviews', `${stopped.permitNumber}.conversion-review.json`))).toBe(true);
  const maintained = await h.act(second, {
    type: 'resolve-contra-indication',
    decision: 'maintain',
    grounds: ['Vc 2000 B16/7.1: public order'],
    actor: CASEWORKER,
  });
  expect(maintained).toMatchObject({ conversion: { status: 'maintained' }, permit: { restriction: OLD_ACT_ESTATE_RESTRICTION } });
  expect(h.subjects(stopped.permitNumber)).toEqual([]);
  await first.terminate('test done');
  await second.terminate('test done');
});

test('withdrawal for incorrect information: the decision letter, the objection period, and the withdrawal takes effect when it ends', async () => {
  const today = await h.today();
  const permit = aPermit(today, addDays(addYears(today, 5), -1));
  const handle = await h.startPermit(permit);
  expect(await h.rejection(handle, { type: 'withdraw', basis: 'conditions-no-longer-met', grounds: ['the relationship ended'], actor: CASEWORKER })).toMatch(
    /nl-b16-8-withdrawal: .*not because the holder no longer meets the conditions of the earlier special policy \(Vc 2000 B16\/8; Vw 2000 art\. 19\)/,
  );
  await h.env.sleep('3 days');
  const withdrawnOn = await h.today();
  const status = await h.act(handle, { type: 'withdraw', basis: 'incorrect-information', grounds: ['the marriage certificate was forged'], actor: CASEWORKER });
  const objection = computeDeadline({ jurisdiction: 'NL', kind: 'objection', from: withdrawnOn });
  expect(status.withdrawals[0]).toMatchObject({ withdrawnOn, objection: { due: objection.due, dueAt: objection.dueAt } });

  const result = await handle.result();
  expect(result).toMatchObject({ ending: 'withdrawn', withdrawals: [{ lodgedOn: null, outcome: null }] });
  expect(h.subjects(permit.permitNumber)).toEqual(['Your residence permit has been withdrawn']);
  const [letter] = h.mails(permit.permitNumber);
  expect(letter!.parsed.text).toContain(`On ${en(withdrawnOn)} we withdrew your residence permit.`);
  expect(letter!.parsed.text).toContain(`Deadline: ${en(objection.due)} (${objection.due})`);
  expect(letter!.parsed.text).toContain('artikelen 18, eerste lid, aanhef en onder c, en 19 Vw 2000');
});

/**
 * The main paths of each workflow type, as scenarios that drive real cases. The history recorder
 * (`npm run record-histories`) runs them and keeps their histories in test/histories/, so the
 * replay test proves that today's workflow code still replays the cases of earlier releases.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { addDays, addMonths, endOfDay } from '../../domain/calendar';
import type { PermitInput } from '../../domain/permit';
import type { permitWorkflow } from '../../workflows/permit';
import { PERMIT_WORKFLOW, permitActUpdate, permitWorkflowId } from '../../workflows/permit-definitions';
import { anApplication, CASEWORKER, FACTS, GRANT } from './cases';
import type { CaseHarness } from './harness';

export interface Scenario {
  /** File name under test/histories/<workflow type>/. */
  name: string;
  workflowType: string;
  run(h: CaseHarness): Promise<WorkflowHandle>;
}

const today = (h: CaseHarness) => h.today();

/** A permit as a grant creates it, valid from `from` for `months`. */
function aPermit(caseNumber: string, from: string, months: number, overrides: Partial<PermitInput> = {}): PermitInput {
  return {
    permitNumber: `${caseNumber}-P1`,
    caseNumber,
    jurisdiction: 'NL',
    holder: { name: 'Holder Example', email: 'holder@example.test', language: 'en' },
    nationality: 'MAR',
    restriction: 'voortgezet verblijf',
    labourMarketNote: 'free to work; no TWV required',
    validFrom: from,
    validUntil: addDays(addMonths(from, months), -1),
    s38Limitations: [],
    grantedOn: from,
    ...overrides,
  };
}

function startPermit(h: CaseHarness, permit: PermitInput) {
  return h.env.client.workflow.start<typeof permitWorkflow>(PERMIT_WORKFLOW, {
    taskQueue: h.taskQueue,
    workflowId: permitWorkflowId(permit.caseNumber),
    args: [{ permit }],
  });
}

export const SCENARIOS: Scenario[] = [
  {
    // Evidence requested, the reminder sent, evidence supplied, granted.
    name: 'evidence-reminded-supplied-granted',
    workflowType: 'applicationWorkflow',
    async run(h) {
      const handle = await h.startCase(anApplication({ caseNumber: 'NL-REPLAY-0001' }));
      const requested = await h.act(handle, { type: 'request-evidence', missing: ['valid passport'] });
      await h.skipPast(endOfDay(addDays(requested.deadlines.cure!.due, -2), 'Europe/Amsterdam'));
      await h.act(handle, { type: 'supply-evidence', documents: ['valid passport'] });
      await h.act(handle, GRANT);
      await handle.result();
      return handle;
    },
  },
  {
    // Evidence requested, the cure period extended by an operator, reminded, expired; decided on the evidence available: refused.
    name: 'extended-reminded-expired-refused',
    workflowType: 'applicationWorkflow',
    async run(h) {
      const handle = await h.startCase(anApplication({ caseNumber: 'NL-2026-HIST-0001' }));
      const requested = await h.act(handle, { type: 'request-evidence', missing: ['valid passport', 'proof of income'] });
      await h.env.sleep('2 days');
      await h.act(handle, {
        type: 'extend-cure-period',
        until: addDays(requested.deadlines.cure!.due, 7),
        reason: 'office closed after an outage',
        actor: { id: 'ops-0007', role: 'operator' },
      });
      await h.env.sleep('30 days');
      await h.act(handle, { type: 'proceed-without-evidence' });
      await h.act(handle, { type: 'refuse', grounds: ['Vb 2000 art. 3.51 lid 1 sub a: the relationship did not last three years during residence'] });
      await handle.result();
      return handle;
    },
  },
  {
    // The cure period expires and the application is not processed (Awb 4:5); the objection period runs out.
    name: 'cure-expired-not-processed',
    workflowType: 'applicationWorkflow',
    async run(h) {
      const handle = await h.startCase(anApplication({ caseNumber: 'NL-REPLAY-0002' }));
      const requested = await h.act(handle, { type: 'request-evidence', missing: ['birth certificate'] });
      await h.skipPast(requested.deadlines.cure!.dueAt);
      const declared = await h.act(handle, { type: 'declare-not-processed', reason: 'no birth certificate' });
      await h.skipPast(declared.deadlines.objection!.dueAt);
      await handle.result();
      return handle;
    },
  },
  {
    // Ambtsbericht with a reminder, the decision overdue with a notice of default, refused, objection upheld.
    name: 'ambtsbericht-overdue-refused-objection',
    workflowType: 'applicationWorkflow',
    async run(h) {
      const handle = await h.startCase(anApplication({ caseNumber: 'NL-REPLAY-0003' }));
      await h.act(handle, { type: 'confirm-complete' });
      await h.act(handle, { type: 'request-ambtsbericht', factors: ['a'], questions: ['Is care available?'] });
      await h.env.sleep('10 weeks');
      const reported = await h.act(handle, { type: 'record-report', reference: 'BZ-1', summary: 'Care is available.' });
      await h.skipPast(reported.deadlines.decision!.dueAt!);
      await h.act(handle, { type: 'record-default-notice', receivedOn: await today(h) });
      await h.act(handle, { type: 'refuse', grounds: ['Vb 2000 art. 3.51 lid 1 sub a'] });
      await h.act(handle, { type: 'lodge-objection', receivedOn: await today(h) });
      await h.act(handle, { type: 'decide-objection', outcome: 'well-founded', grounds: ['Vb 2000 art. 3.51 lid 1 sub a'] });
      await handle.result();
      return handle;
    },
  },
  {
    // Norway: best interests of a child recorded, refused, the appeal period runs out.
    name: 'norway-child-refused-appeal-lapsed',
    workflowType: 'applicationWorkflow',
    async run(h) {
      const facts = { ...FACTS.noChild, applicant: { ...FACTS.noChild.applicant, dateOfBirth: addDays(await today(h), -3650) } } as typeof FACTS.noChild;
      const handle = await h.startCase(anApplication({ caseNumber: 'NO-REPLAY-0004', facts }));
      await h.act(handle, { type: 'confirm-complete' });
      await h.act(handle, { type: 'record-best-interests', assessment: 'The child has no carer on return.' });
      const refused = await h.act(handle, { type: 'refuse', grounds: ['Immigration Act s. 38'] });
      await h.skipPast(refused.deadlines.objection!.dueAt);
      await handle.result();
      return handle;
    },
  },
  {
    // A section 38 permit that cannot be renewed: the expiry notice, and it ends on its last day.
    name: 'non-renewable-expires',
    workflowType: 'permitWorkflow',
    async run(h) {
      const permit = aPermit('NO-REPLAY-0006', await today(h), 5, {
        jurisdiction: 'NO',
        holder: { name: 'Holder Example', email: 'holder@example.test', language: 'no' },
        s38Limitations: ['not-renewable', 'validity-under-one-year'],
      });
      const handle = await startPermit(h, permit);
      await handle.result();
      return handle;
    },
  },
  {
    // Withdrawn for incorrect information (Vw 2000 art. 18(1)(c)); the objection period runs out.
    name: 'withdrawn-for-incorrect-information',
    workflowType: 'permitWorkflow',
    async run(h) {
      const handle = await startPermit(h, aPermit('NL-REPLAY-0007', await today(h), 60));
      await h.env.sleep('3 days');
      await handle.executeUpdate(permitActUpdate, {
        args: [{ type: 'withdraw', basis: 'incorrect-information', grounds: ['the marriage certificate was forged'], actor: CASEWORKER }],
      });
      await handle.result();
      return handle;
    },
  },
  {
    name: 'withdrawn',
    workflowType: 'applicationWorkflow',
    async run(h) {
      const handle = await h.startCase(anApplication({ caseNumber: 'NL-REPLAY-0005' }));
      await h.act(handle, { type: 'request-evidence', missing: ['passport'] });
      await h.act(handle, { type: 'withdraw' });
      await handle.result();
      return handle;
    },
  },
];

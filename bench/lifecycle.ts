/**
 * `npm run bench`: how fast the pure core runs, as JSON on stdout. It measures the work a worker
 * repeats for every case and event: the application machine's pure transitions along a full
 * lifecycle, the policy assessment, and a legal-calendar deadline.
 */
import { performance } from 'node:perf_hooks';
import { initialTransition, transition } from 'xstate';
import { computeDeadline } from '../domain/calendar';
import { assess } from '../domain/policy';
import { applicationMachine, type ApplicationEvent } from '../machines/application';
import { anApplication, APPLICANT, CASEWORKER, FACTS } from '../test/support/cases';

const at = (day: string) => `${day}T09:00:00.000Z`;
const LIFECYCLE: ApplicationEvent[] = [
  { type: 'receipt.registered', at: at('2026-03-02') },
  { type: 'request-evidence', missing: ['passport'], actor: CASEWORKER, at: at('2026-03-03') },
  { type: 'cure-reminder.due', at: at('2026-03-12') },
  { type: 'supply-evidence', documents: ['passport'], actor: APPLICANT, at: at('2026-03-13') },
  { type: 'request-ambtsbericht', factors: ['a'], questions: ['q'], actor: CASEWORKER, at: at('2026-03-14') },
  { type: 'record-report', reference: 'BZ-1', summary: 's', actor: CASEWORKER, at: at('2026-05-01') },
  { type: 'refuse', grounds: ['Vb 2000 art. 3.51'], actor: CASEWORKER, at: at('2026-05-02') },
  { type: 'objection-period.expired', at: at('2026-06-01') },
];

function measure(name: string, iterations: number, unit: string, fn: () => void) {
  for (let i = 0; i < Math.min(200, iterations); i++) fn(); // warm up the JIT
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  const ms = performance.now() - start;
  return { name, iterations, unit, totalMs: +ms.toFixed(1), perSecond: Math.round((iterations / ms) * 1000), microsEach: +((ms * 1000) / iterations).toFixed(1) };
}

const application = anApplication();
const results = [
  measure('application lifecycle (receipt to closed, 8 events)', 2_000, 'lifecycle', () => {
    let [snapshot] = initialTransition(applicationMachine, { application, receivedAt: at('2026-03-02') });
    for (const event of LIFECYCLE) [snapshot] = transition(applicationMachine, snapshot, event);
    if (snapshot.status !== 'done') throw new Error(`lifecycle ended in ${JSON.stringify(snapshot.value)}`);
  }),
  measure('policy assessment NL B16 (art. 3.51 case)', 5_000, 'assessment', () => assess(FACTS.nlPolicyGrants, '2026-03-13')),
  measure('policy assessment NO s. 38 (child)', 5_000, 'assessment', () => assess(FACTS.noChild, '2026-03-13')),
  measure('legal deadline (NL objection period, Atw)', 20_000, 'deadline', () => computeDeadline({ jurisdiction: 'NL', kind: 'objection', from: '2026-04-16' })),
];
process.stdout.write(JSON.stringify({ bench: 'lifecycle', node: process.version, results }, null, 2) + '\n');

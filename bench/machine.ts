/**
 * `npm run bench:machine`: the pure core, without Temporal. The application machine through a full
 * lifecycle with XState's pure `transition()` (microseconds per event), the cost of building the
 * machine from its definition (time and retained heap: what a workflow pays when its module is
 * evaluated), the persisted snapshot's size in bytes at every step, and the domain work a
 * transition may call (a policy assessment, a legal deadline). Three runs: median and spread.
 */
import { performance } from 'node:perf_hooks';
import { createMachine, initialTransition, transition, type AnyStateMachine } from 'xstate';
import { computeDeadline } from '../domain/calendar';
import { assess } from '../domain/policy';
import { applicationMachine, stateOf, type ApplicationEvent } from '../machines/application';
import { anApplication, APPLICANT, CASEWORKER, FACTS } from '../test/support/cases';
import { printResult, progress, RUNS, runBenchmark, spreadOf } from './support/report';

const at = (day: string) => `${day}T09:00:00.000Z`;
const RECEIVED = at('2026-03-02');
/** Receipt to closed: evidence requested, a reminder, evidence supplied, an ambtsbericht, a refusal, the objection period. */
const LIFECYCLE: ApplicationEvent[] = [
  { type: 'receipt.registered', at: RECEIVED },
  { type: 'request-evidence', missing: ['passport'], actor: CASEWORKER, at: at('2026-03-03') },
  { type: 'cure-reminder.due', at: at('2026-03-12') },
  { type: 'supply-evidence', documents: ['passport'], actor: APPLICANT, at: at('2026-03-13') },
  { type: 'request-ambtsbericht', factors: ['a'], questions: ['q'], actor: CASEWORKER, at: at('2026-03-14') },
  { type: 'record-report', reference: 'BZ-1', summary: 's', actor: CASEWORKER, at: at('2026-05-01') },
  { type: 'refuse', grounds: ['Vb 2000 art. 3.51'], actor: CASEWORKER, at: at('2026-05-02') },
  { type: 'objection-period.expired', at: at('2026-06-01') },
];

const application = anApplication();
const input = { application, receivedAt: RECEIVED, cureReminderPolicy: 2027 as const };

/** Microseconds per call of `fn`, after a warm-up. */
function microsEach(iterations: number, fn: () => void): number {
  for (let i = 0; i < Math.min(200, iterations); i++) fn(); // warm up the JIT
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  return ((performance.now() - start) * 1000) / iterations;
}

function lifecycle() {
  let [snapshot] = initialTransition(applicationMachine, input);
  for (const event of LIFECYCLE) [snapshot] = transition(applicationMachine, snapshot, event);
  if (snapshot.status !== 'done') throw new Error(`the lifecycle ended in ${JSON.stringify(snapshot.value)}, not in a final state`);
}

/** What continue-as-new would carry and a query would serialize: the state value and the context, as JSON. */
function snapshotSizes(): { state: string; bytes: number }[] {
  let [snapshot] = initialTransition(applicationMachine, input);
  const size = () => ({ state: stateOf(snapshot), bytes: Buffer.byteLength(JSON.stringify({ value: snapshot.value, context: snapshot.context })) });
  const sizes = [size()];
  for (const event of LIFECYCLE) {
    [snapshot] = transition(applicationMachine, snapshot, event);
    sizes.push(size());
  }
  return sizes;
}

/** Rebuilds the machine from its definition, as evaluating machines/application.ts does for every workflow. */
const buildMachine = (): AnyStateMachine => createMachine(applicationMachine.config as never, applicationMachine.implementations as never);

/** Heap retained by one built machine: many kept alive, divided (needs --expose-gc). */
function retainedKiBPerMachine(count = 200): number {
  const gc = global.gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench:machine does)');
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = Array.from({ length: count }, buildMachine);
  // Resolve each machine's transitions once, as the first event of a case does.
  for (const machine of kept) initialTransition(machine, input);
  gc();
  const after = process.memoryUsage().heapUsed;
  if (kept.length !== count) throw new Error('unreachable');
  return (after - before) / count / 1024;
}

function measureOnce() {
  const lifecycleMicros = microsEach(2_000, lifecycle);
  return {
    microsPerEvent: +(lifecycleMicros / (LIFECYCLE.length + 1)).toFixed(1),
    microsPerLifecycle: +lifecycleMicros.toFixed(1),
    initialTransitionMicros: +microsEach(2_000, () => initialTransition(applicationMachine, input)).toFixed(1),
    buildMachineMicros: +microsEach(500, buildMachine).toFixed(1),
    buildMachineRetainedKiB: +retainedKiBPerMachine().toFixed(1),
    assessmentNlMicros: +microsEach(5_000, () => assess(FACTS.nlPolicyGrants, '2026-03-13')).toFixed(1),
    assessmentNoMicros: +microsEach(5_000, () => assess(FACTS.noChild, '2026-03-13')).toFixed(1),
    legalDeadlineMicros: +microsEach(20_000, () => computeDeadline({ jurisdiction: 'NL', kind: 'objection', from: '2026-04-16' })).toFixed(1),
  };
}

runBenchmark(async () => {
  const runs = [];
  for (let run = 1; run <= RUNS; run++) {
    progress(`run ${run}/${RUNS}`);
    runs.push(measureOnce());
  }
  const sizes = snapshotSizes();
  printResult('machine', {
    method: {
      lifecycle:
        `receipt to closed, ${LIFECYCLE.length} events after the initial transition (${LIFECYCLE.map((e) => e.type).join(', ')}), ` +
        'XState pure transition(); microsPerEvent counts the initial transition as an event',
      build: 'createMachine(config, implementations) of the application machine; retained heap with the transitions resolved once, 200 kept alive',
      snapshot: 'JSON of the state value and context after each step',
      runs: RUNS,
    },
    ...spreadOf(runs),
    snapshotBytes: { initial: sizes[0]!.bytes, max: Math.max(...sizes.map((s) => s.bytes)), final: sizes[sizes.length - 1]!.bytes, byStep: sizes },
  });
});

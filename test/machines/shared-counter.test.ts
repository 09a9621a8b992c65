/**
 * XState numbers every actor it creates from one counter in its module (`idCounter`: session ids
 * "x:0", "x:1", …). A worker now shares XState and the machines between its workflows
 * (workflows/preload.ts), so the counter moves with every other case's transitions. That is safe
 * only if no number reaches what a case records or does: these tests run each machine's lifecycle
 * with the pure API twice, the counter moved on in between, and compare every persisted snapshot
 * and every action, step by step.
 */
import { type AnyStateMachine, createActor, createMachine, initialTransition, transition } from 'xstate';
import { PermitSchema } from '../../domain/permit';
import { applicationMachine } from '../../machines/application';
import { permitMachine } from '../../machines/permit';
import { anApplication, nlPermit, withActor, type TestAction } from '../support/cases';

type Event = { type: string; at: string };

/**
 * Starts `machine` with `input`, takes `events` in order, then fires its earliest armed timer
 * (as the runner does) until none is left or `maxTimers` fired; returns every step as JSON.
 */
function lifecycle(machine: AnyStateMachine, input: unknown, events: Event[], maxTimers = 12): string[] {
  const steps: string[] = [];
  const timers = new Map<string, { at: string; event: string }>();
  const record = (snapshot: unknown, actions: readonly { type: string; params?: unknown }[]) => {
    for (const { type, params } of actions) {
      const p = params as { timer: string; at: string | null; event: string };
      if (type === 'armTimer') p.at === null ? timers.delete(p.timer) : timers.set(p.timer, { at: p.at, event: p.event });
      if (type === 'cancelTimer') timers.delete(p.timer);
    }
    steps.push(JSON.stringify({ snapshot: machine.getPersistedSnapshot(snapshot as never), actions: actions.map((a) => [a.type, a.params]) }));
    return snapshot;
  };
  let [snapshot, actions] = initialTransition(machine, input);
  record(snapshot, actions);
  for (const event of events) {
    [snapshot, actions] = transition(machine, snapshot, event);
    record(snapshot, actions);
  }
  for (let fired = 0; fired < maxTimers && timers.size > 0; fired++) {
    const [id, timer] = [...timers].sort(([, a], [, b]) => a.at.localeCompare(b.at))[0]!;
    timers.delete(id);
    [snapshot, actions] = transition(machine, snapshot, { type: timer.event, at: timer.at });
    record(snapshot, actions);
  }
  return steps;
}

/** Creates throwaway actors, as other cases' transitions would, and returns the session id the next actor gets. */
function moveCounter(by: number): string {
  const machine = createMachine({});
  for (let i = 0; i < by; i++) createActor(machine);
  return createActor(machine).sessionId;
}

const RECEIVED = '2026-03-02T09:00:00.000Z';
const act = (action: TestAction, at: string): Event => ({ ...withActor(action), at });
const application = anApplication({ caseNumber: 'NL-2026-000001' });

const cases: [string, () => string[]][] = [
  [
    'application',
    () =>
      lifecycle(applicationMachine, { application, receivedAt: RECEIVED, cureReminderPolicy: 2027 }, [
        { type: 'receipt.registered', at: RECEIVED },
        act({ type: 'request-evidence', missing: ['valid passport'] }, '2026-03-03T09:00:00.000Z'),
      ]),
  ],
  ['permit', () => lifecycle(permitMachine, { permit: PermitSchema.parse(nlPermit()), startedAt: '2026-04-01T08:00:00.000Z' }, [])],
];

test.each(cases)('the %s machine records and does the same whatever the actor counter stands at', (_, run) => {
  const first = run();
  const before = moveCounter(0);
  const after = moveCounter(1000);
  // The counter did move on (by the runs and by the throwaway actors).
  expect(Number(after.slice(2)) - Number(before.slice(2))).toBeGreaterThan(1000);
  const second = run();
  expect(second).toEqual(first);
  expect(first.length).toBeGreaterThan(3);
  // No session id anywhere in what a case records or does.
  expect(first.join('\n')).not.toMatch(/"x:\d+"/);
});

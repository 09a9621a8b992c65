/**
 * The machine runner's bookkeeping, outside a workflow: timers are kept as data, an effect is queued
 * for its handler, and an action the workflow has no handler for is refused at once, not dropped.
 * (Running the queue needs a workflow: the workflow suites cover that on a real server.)
 */
import { setup } from 'xstate';
import { MachineRunner } from '../../workflows/machine-runner';

const machine = setup({
  types: { events: {} as { type: 'go' } | { type: 'tick'; at: string } },
  actions: {
    armTimer: (_, _params: { timer: string; at: string | null; event: string }) => {},
    sendNotice: (_, _params: { to: string }) => {},
    mystery: () => {},
  },
}).createMachine({
  id: 'sample',
  initial: 'idle',
  entry: [
    { type: 'armTimer', params: { timer: 'wake', at: '2027-01-01T00:00:00.000Z', event: 'tick' } },
    { type: 'sendNotice', params: { to: 'a@example.test' } },
  ],
  states: { idle: { on: { go: { actions: 'mystery' } } } },
});

test('timers are kept by the runner and persisted; an unknown action throws, naming it', () => {
  const runner = new MachineRunner(machine, { input: undefined }, { sendNotice: async () => {} });
  expect(Object.fromEntries(runner.timers)).toEqual({ wake: { at: '2027-01-01T00:00:00.000Z', event: 'tick' } });
  // The notice waits in the queue for run(): persisting with it pending would lose it.
  expect(() => runner.persist()).toThrow('persist() with effects still pending');
  expect(() => runner.send({ type: 'go' })).toThrow(
    'the machine sample returned the action "mystery", which is neither a timer nor an effect this workflow handles',
  );
});

test('a restored runner re-arms the persisted timers and does not repeat the entry effects', () => {
  const runner = new MachineRunner(
    machine,
    { restore: { value: 'idle', context: {}, timers: { wake: { at: '2027-01-01T00:00:00.000Z', event: 'tick' } } } },
    { sendNotice: async () => {} },
  );
  expect(runner.persist()).toEqual({ value: 'idle', context: {}, timers: { wake: { at: '2027-01-01T00:00:00.000Z', event: 'tick' } } });
});

/**
 * Runs an XState machine inside a workflow with the pure API: the one interpreter every dossier
 * workflow uses. The machine returns effects; the runner keeps timers itself (as data: an absolute
 * instant and the event to raise) and carries out every other effect, in order, with the workflow's
 * handler for its type (domain/effects: one handler per type, so the compiler names a missing one).
 * An action the machine returns that is neither a timer nor a handled effect is a defect: it throws.
 *
 * Timers belong to the runner, not to XState, so they survive continue-as-new: `persist()` returns
 * the machine's state with its armed timers, and `restore` re-arms them (a restored XState snapshot
 * would not re-arm its own delayed events).
 */
import { condition } from '@temporalio/workflow';
import {
  initialTransition,
  transition,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type EventFrom,
  type InputFrom,
  type SnapshotFrom,
  type StateValue,
} from 'xstate';
import type { EffectHandlers, EffectOf } from '../domain/effects';
import { workflowNow } from './workflow-time';

export { workflowNow };

export interface ArmedTimer {
  /** ISO 8601 instant at which the timer fires. */
  at: string;
  /** The event type raised when it fires; the event carries `at` (workflow time). */
  event: string;
}

/** `armTimer` with `at: null` disarms: a deadline that is not known now (a suspended clock) has no timer. */
export type TimerEffect =
  | { type: 'armTimer'; params: { timer: string; at: string | null; event: string } }
  | { type: 'cancelTimer'; params: { timer: string } };

/** What continue-as-new carries: the machine's state and its armed timers. JSON only. */
export interface PersistedMachine {
  value: StateValue;
  context: unknown;
  timers: Record<string, ArmedTimer>;
}

export class MachineRunner<TMachine extends AnyStateMachine, TEffects extends object> {
  snapshot: SnapshotFrom<TMachine>;
  readonly timers = new Map<string, ArmedTimer>();
  private readonly pending: EffectOf<TEffects>[] = [];
  private changes = 0;
  /** Called after every event the machine takes, its timers armed: to tell the change outside history at once. */
  onChange: () => void = () => {};

  /**
   * @param handlers what the workflow does for each effect type the machine returns
   */
  constructor(
    private readonly machine: TMachine,
    start: { input: InputFrom<TMachine> } | { restore: PersistedMachine },
    private readonly handlers: EffectHandlers<TEffects>,
  ) {
    if ('input' in start) {
      const [snapshot, actions] = initialTransition(machine, start.input);
      this.snapshot = snapshot;
      this.collect(actions);
    } else {
      this.snapshot = machine.resolveState({ value: start.restore.value, context: start.restore.context as never }) as SnapshotFrom<TMachine>;
      for (const [id, timer] of Object.entries(start.restore.timers)) this.timers.set(id, timer);
    }
  }

  /** Feeds one event to the machine and queues the effects it asks for. Synchronous, so handlers stay atomic. */
  send(event: EventFrom<TMachine>): void {
    const [next, actions] = transition(this.machine, this.snapshot, event);
    this.snapshot = next;
    this.changes++;
    this.collect(actions);
    this.onChange();
  }

  private get machineSnapshot(): AnyMachineSnapshot {
    return this.snapshot as AnyMachineSnapshot;
  }

  /** How many events the machine has taken: what changed since a reading is told by this number. */
  get version(): number {
    return this.changes;
  }

  get done(): boolean {
    return this.machineSnapshot.status === 'done';
  }

  /**
   * Carries out effects and fires timers until the machine reaches a final state or `pause()`
   * says to stop (for continue-as-new). Events from handlers are taken between effects;
   * `settled()` is called whenever no effect is pending.
   */
  async run({ pause = () => false, settled = () => {} }: { pause?: () => boolean; settled?: () => void } = {}): Promise<void> {
    for (;;) {
      while (this.pending.length > 0) await this.perform(this.pending.shift()!);
      // Every effect is carried out: the moment to publish the case's state (search attributes).
      settled();
      if (this.done || pause()) return;
      const seen = this.changes;
      const next = this.nextTimer();
      const wake = () => this.changes !== seen || this.pending.length > 0;
      // The timer's summary names the deadline it waits for, in the history and the web UI.
      const woken = next
        ? await condition(wake, Math.max(1, Date.parse(next[1].at) - Date.now()), { summary: `${next[0]} until ${next[1].at}` })
        : await condition(wake).then(() => true);
      if (!woken && next) {
        this.timers.delete(next[0]);
        this.send({ type: next[1].event, at: workflowNow() } as EventFrom<TMachine>);
      }
    }
  }

  /** The machine's state and timers, for continue-as-new. Effects still pending must be run first. */
  persist(): PersistedMachine {
    if (this.pending.length > 0) throw new Error('persist() with effects still pending');
    return JSON.parse(JSON.stringify({ value: this.machineSnapshot.value, context: this.machineSnapshot.context, timers: Object.fromEntries(this.timers) }));
  }

  private async perform<K extends keyof TEffects>(effect: { type: K; params: TEffects[K] }): Promise<void> {
    await this.handlers[effect.type](effect.params);
  }

  private nextTimer(): [string, ArmedTimer] | undefined {
    return [...this.timers].sort(([, a], [, b]) => a.at.localeCompare(b.at))[0];
  }

  private collect(actions: readonly { type: string; params?: unknown }[]): void {
    for (const action of actions) {
      if (action.type === 'armTimer') {
        const { timer, at, event } = action.params as Extract<TimerEffect, { type: 'armTimer' }>['params'];
        if (at === null) this.timers.delete(timer);
        else this.timers.set(timer, { at, event });
      } else if (action.type === 'cancelTimer') {
        this.timers.delete((action.params as { timer: string }).timer);
      } else if (Object.hasOwn(this.handlers, action.type)) {
        this.pending.push({ type: action.type, params: action.params } as EffectOf<TEffects>);
      } else {
        throw new Error(`the machine ${this.machine.id} returned the action "${action.type}", which is neither a timer nor an effect this workflow handles`);
      }
    }
  }
}

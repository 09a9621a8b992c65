/**
 * What every dossier machine tells about actions, the same way: the state it is in, the actions it
 * offers now, and why it refuses one (naming the state, the action and the rule).
 */
import { getNextTransitions, type AnyMachineSnapshot } from 'xstate';

/** The innermost state's name, e.g. `awaitingEvidence`. */
export function innermostState(snapshot: AnyMachineSnapshot): string {
  const value = snapshot.value;
  return typeof value === 'string' ? value : (Object.values(value)[0] as string);
}

/** The action types the state handles, less those that a rule reading only the case rules out now. */
export function offeredActions<T extends string>(snapshot: AnyMachineSnapshot, types: readonly T[], ruledOut: (type: T) => boolean): T[] {
  const enabled = new Set(getNextTransitions(snapshot).map((t) => t.eventType));
  return types.filter((type) => enabled.has(type) && !ruledOut(type));
}

/** Why `type` is refused: not handled in this state (listing what is offered), or the first rule that says no. */
export function refusal(snapshot: AnyMachineSnapshot, type: string, offered: readonly string[], obstacle: () => string | null): string | null {
  const state = innermostState(snapshot);
  if (!getNextTransitions(snapshot).some((t) => t.eventType === type)) {
    return `action "${type}" is not allowed in state "${state}"; ${offered.length ? `it accepts: ${offered.join(', ')}` : 'it accepts no action'}`;
  }
  const reason = obstacle();
  return reason ? `action "${type}" is refused in state "${state}": ${reason}` : null;
}

/**
 * Guards named after the law, one scheme for every dossier machine. A rule has the law's name for
 * what it requires (`objectionInTime`, `bestInterestsRecorded`) and says, citing the article, why
 * it refuses an action; a transition's guard lists the rules it applies (`and([...])`), so the
 * diagram reads `lodge-objection [actorMayAct & objectionInTime]` and a refusal names the rule.
 *
 * Rules that read only the case (`caseOnly`) decide whether an action is offered at all; rules
 * that read the action's payload (a date, a ground) are checked when the action is taken. Which
 * rules an action must pass is read from the machine's own transitions, never from a second table.
 */
import { getNextTransitions, type AnyMachineSnapshot } from 'xstate';

export interface LawRule<C, E> {
  /** The rule reads only the case's state, not the action's payload. */
  caseOnly?: true;
  /** Why the rule refuses the action, with the article it applies; null when it holds. */
  refuses(context: C, event: E): string | null;
}

export type LawRules<C, E> = Record<string, LawRule<C, E>>;

/** XState guard implementations from the rules, by the rules' names: a guard passes when its rule does not refuse. */
export function lawGuards<C, E, K extends string>(rules: Record<K, LawRule<C, E>>): Record<K, (args: { context: C; event: { type: string } }) => boolean> {
  const guards = {} as Record<K, (args: { context: C; event: { type: string } }) => boolean>;
  // The machine calls a rule's guard only on the transitions of that rule's actions, so the event is one of them.
  for (const name of Object.keys(rules) as K[]) guards[name] = ({ context, event }) => rules[name].refuses(context, event as E) === null;
  return guards;
}

/** The guard names a transition's guard is made of: a name, `{ type }`, or the parts of `and([...])`. */
export function guardNames(guard: unknown): string[] {
  if (typeof guard === 'string') return [guard];
  if (typeof guard === 'function' && Array.isArray((guard as { guards?: unknown }).guards)) {
    return guard.name === 'and' ? (guard as unknown as { guards: unknown[] }).guards.flatMap(guardNames) : [];
  }
  if (guard !== null && typeof guard === 'object' && 'type' in guard) return [String((guard as { type: unknown }).type)];
  return [];
}

/** The innermost state's name, e.g. `awaitingEvidence`. */
export function innermostState(snapshot: AnyMachineSnapshot): string {
  const value = snapshot.value;
  return typeof value === 'string' ? value : (Object.values(value)[0] as string);
}

/** The state's transitions (XState's getNextTransitions: computed once per question, not once per action type). */
type NextTransitions = ReturnType<typeof getNextTransitions>;

/** The law rules that the transitions for `type` in this state apply, in the order they are listed. */
function rulesFor<C, E>(transitions: NextTransitions, type: string, rules: LawRules<C, E>): string[] {
  const names = transitions.filter((t) => t.eventType === type).flatMap((t) => guardNames(t.guard));
  return [...new Set(names)].filter((name) => name in rules);
}

/** The first rule of `names` that refuses, as "name: reason"; null when none does. */
function firstRefusal<C, E>(rules: LawRules<C, E>, names: readonly string[], context: C, event: E): string | null {
  for (const name of names) {
    const reason = rules[name]!.refuses(context, event);
    if (reason) return `${name}: ${reason}`;
  }
  return null;
}

/** The action types the state handles, less those a rule reading only the case refuses now. */
function offeredActions<T extends string, C, E>(snapshot: AnyMachineSnapshot, types: readonly T[], rules: LawRules<C, E>): T[] {
  const transitions = getNextTransitions(snapshot);
  const enabled = new Set(transitions.map((t) => t.eventType));
  return types.filter((type) => {
    if (!enabled.has(type)) return false;
    const caseRules = rulesFor(transitions, type, rules).filter((name) => rules[name]!.caseOnly);
    // A rule on the case alone reads no payload: an event of the bare type is enough to ask it.
    return firstRefusal(rules, caseRules, snapshot.context as C, { type } as E) === null;
  });
}

/** Why `event` is refused: not handled in this state (listing what is offered), or the first rule that says no, by name. */
function refusal<C, E extends { type: string }>(snapshot: AnyMachineSnapshot, event: E, offered: readonly string[], rules: LawRules<C, E>): string | null {
  const state = innermostState(snapshot);
  const transitions = getNextTransitions(snapshot);
  if (!transitions.some((t) => t.eventType === event.type)) {
    return `action "${event.type}" is not allowed in state "${state}"; ${offered.length ? `it accepts: ${offered.join(', ')}` : 'it accepts no action'}`;
  }
  const reason = firstRefusal(rules, rulesFor(transitions, event.type, rules), snapshot.context as C, event);
  return reason ? `action "${event.type}" is refused in state "${state}": ${reason}` : null;
}

/**
 * What a machine tells about actions, the same way for every dossier machine: the state it is in,
 * the actions it offers now (rules on an action's payload are checked when it is taken), and why it
 * refuses one, naming the state, the action and the rule.
 */
export function actionsOf<T extends string, C, E extends { type: string }>(types: readonly T[], rules: LawRules<C, E>) {
  const allowedActions = (snapshot: AnyMachineSnapshot): T[] => offeredActions(snapshot, types, rules);
  return {
    stateOf: innermostState,
    allowedActions,
    rejectionOf: (snapshot: AnyMachineSnapshot, event: E): string | null => refusal(snapshot, event, allowedActions(snapshot), rules),
  };
}

/**
 * A Mermaid state diagram generated from a machine definition, so the picture operators read
 * cannot drift from the code that runs. Pure: any XState v5 machine in, Mermaid text out.
 *
 * States are declared first, nested as in the machine; transitions follow at the top level, so a
 * transition out of a nested state (e.g. `cureExpired → decided`) never makes Mermaid invent a
 * second `decided` inside the `open` block. A transition without a target (it only acts, e.g.
 * `extend-cure-period`) is drawn as a loop on its state; an eventless one (`always`) as `[guard]`.
 */
import type { AnyStateMachine } from 'xstate';
import { guardNames } from './guards';

/** The parts of an XState state node the diagram reads (xstate's own StateNode type is too generic to walk comfortably). */
interface NodeView {
  key: string;
  path: string[];
  type: string;
  states: Record<string, NodeView>;
  initial?: { target: NodeView[] };
  transitions: Map<string, TransitionView[]>;
  always?: TransitionView[];
}
interface TransitionView {
  eventType: string;
  target?: NodeView[];
  guard?: unknown;
}

export interface DiagramEdge {
  from: string;
  to: string;
  label: string;
}

const descendants = (node: NodeView): NodeView[] => Object.values(node.states).flatMap((child) => [child, ...descendants(child)]);

/** Every state of the machine as its dotted path below the root (`open.awaitingEvidence`), in definition order. */
export function statePaths(machine: AnyStateMachine): string[] {
  return descendants(machine.root as unknown as NodeView).map((n) => n.path.join('.'));
}

/** The innermost (atomic or final) states: the names `stateOf` reports and visibility stores. */
export function leafStates(machine: AnyStateMachine): { name: string; final: boolean }[] {
  return descendants(machine.root as unknown as NodeView)
    .filter((n) => Object.keys(n.states).length === 0)
    .map((n) => ({ name: n.key, final: n.type === 'final' }));
}

export const leafStateNames = (machine: AnyStateMachine): string[] => leafStates(machine).map((s) => s.name);

/** A guard as the diagram prints it: its rule names joined by `&` (`actorMayAct & objectionInTime`). */
function guardLabel(guard: unknown): string | null {
  if (guard === undefined) return null;
  const names = guardNames(guard);
  // An inline guard function has no name the office would recognise.
  return names.length ? names.join(' & ') : 'condition';
}

/** Mermaid ids must be unique and plain: the state's key when no other state shares it, else its path. */
function idsOf(machine: AnyStateMachine): Map<NodeView, string> {
  const nodes = descendants(machine.root as unknown as NodeView);
  const count = new Map<string, number>();
  for (const n of nodes) count.set(n.key, (count.get(n.key) ?? 0) + 1);
  return new Map(nodes.map((n) => [n, (count.get(n.key) === 1 ? n.key : n.path.join('_')).replace(/[^A-Za-z0-9_]/g, '_')]));
}

/** Every transition, with its label as the diagram prints it: `event [guard]`. */
export function diagramEdges(machine: AnyStateMachine): DiagramEdge[] {
  const ids = idsOf(machine);
  const edges: DiagramEdge[] = [];
  for (const [node, id] of ids) {
    const transitions = [...node.transitions.values()].flat().concat(node.always ?? []);
    for (const t of transitions) {
      const guard = guardLabel(t.guard);
      const event = t.eventType === '' ? '' : t.eventType;
      const label = [event, guard ? `[${guard}]` : ''].filter(Boolean).join(' ') || '[otherwise]';
      const targets = t.target?.length ? t.target : [node];
      for (const target of targets) edges.push({ from: id, to: ids.get(target)!, label });
    }
  }
  return edges;
}

/** The machine as a Mermaid `stateDiagram-v2`. */
export function mermaidDiagram(machine: AnyStateMachine): string {
  const ids = idsOf(machine);
  const root = machine.root as unknown as NodeView;
  const lines = ['stateDiagram-v2'];
  const declare = (node: NodeView, indent: string) => {
    const initial = node.initial?.target[0];
    if (initial) lines.push(`${indent}[*] --> ${ids.get(initial)}`);
    for (const child of Object.values(node.states)) {
      const id = ids.get(child)!;
      if (Object.keys(child.states).length > 0) {
        lines.push(`${indent}state ${id} {`);
        declare(child, indent + '  ');
        lines.push(`${indent}}`);
      } else {
        lines.push(`${indent}${id}`);
      }
      if (child.type === 'final') lines.push(`${indent}${id} --> [*]`);
    }
  };
  declare(root, '  ');
  for (const edge of diagramEdges(machine)) lines.push(`  ${edge.from} --> ${edge.to} : ${edge.label}`);
  return lines.join('\n') + '\n';
}

/** A Markdown page with one diagram per machine, for docs/machines.md. */
export function machinesMarkdown(machines: { title: string; source: string; machine: AnyStateMachine }[]): string {
  const sections = machines.map(
    ({ title, source, machine }) => `## ${title}\n\nGenerated from \`${machine.id}\` in \`${source}\`.\n\n\`\`\`mermaid\n${mermaidDiagram(machine)}\`\`\`\n`,
  );
  return [
    '# The machines',
    '',
    '<!-- Generated by `npx dossier machine diagram --out docs/machines.md`; do not edit. A test fails when this file differs from the machines. -->',
    '',
    ...sections,
  ].join('\n');
}

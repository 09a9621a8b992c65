/**
 * The machine diagram is generated from the machine definitions: the committed docs/machines.md
 * must equal a fresh generation, and every state and transition of the machine must be in it
 * (checked against @xstate/graph's own walk of the machine, not the generator's).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { toDirectedGraph, type DirectedGraphNode } from '@xstate/graph';
import type { AnyStateMachine } from 'xstate';
import { diagramDocument, MACHINES } from '../../cli/commands/machine';
import { mermaidDiagram, statePaths } from '../../machines/diagram';

const ROOT = join(__dirname, '..', '..');
const DOC = join(ROOT, 'docs', 'machines.md');

test('docs/machines.md is what the machines generate (regenerate: npx dossier machine diagram --out docs/machines.md)', () => {
  expect(readFileSync(DOC, 'utf8')).toBe(diagramDocument());
});

test('the CLI prints the diagram and --check reports a stale file with exit 1', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, 'bin', 'dossier.js'), 'machine', 'diagram', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  const mermaid = run('--machine', 'application', '--format', 'mermaid');
  expect(mermaid.status).toBe(0);
  expect(mermaid.stdout).toBe(mermaidDiagram(MACHINES[0]!.machine));
  expect(run('--check', DOC).status).toBe(0);
  const stale = run('--check', join(ROOT, 'README.md'));
  expect([stale.status, stale.stdout]).toEqual([1, expect.stringContaining('differs from the machines')]);
  const bad = run('--format', 'svg');
  expect([bad.status, bad.stderr]).toEqual([2, expect.stringContaining('--format: "svg" is not one of markdown, mermaid')]);
});

const edgesOf = (node: DirectedGraphNode): DirectedGraphNode['edges'] => [...node.edges, ...node.children.flatMap(edgesOf)];
const idOf = (stateNodeId: string, machine: AnyStateMachine) => {
  // The diagram names a state by its key (unique in these machines), e.g. `application.open.cureExpired` → `cureExpired`.
  const key = stateNodeId.split('.').at(-1)!;
  expect(statePaths(machine).filter((p) => p.split('.').at(-1) === key)).toHaveLength(1);
  return key;
};

describe.each(MACHINES.map((m) => [m.name, m.machine] as const))('the %s machine', (_name, machine) => {
  const diagram = mermaidDiagram(machine);
  const lines = diagram.split('\n').map((l) => l.trim());

  test('every state appears, composite states as blocks', () => {
    const walk = (node: DirectedGraphNode): DirectedGraphNode[] => [node, ...node.children.flatMap(walk)];
    const states = walk(toDirectedGraph(machine)).slice(1);
    expect(states.length).toBeGreaterThan(3);
    for (const state of states) {
      const id = idOf(state.id, machine);
      expect(lines).toContain(state.children.length ? `state ${id} {` : id);
    }
  });

  test('every transition appears with its event', () => {
    const edges = edgesOf(toDirectedGraph(machine));
    expect(edges.length).toBeGreaterThan(3);
    for (const edge of edges) {
      const line = `${idOf(edge.source.id, machine)} --> ${idOf(edge.target.id, machine)} : ${edge.label.text}`;
      expect(lines.some((l) => l === line || l.startsWith(`${line} [`))).toBe(true);
    }
  });
});

test('eventless transitions (which @xstate/graph leaves out) are drawn with their guard', () => {
  const diagram = mermaidDiagram(MACHINES[0]!.machine);
  expect(diagram).toContain('decided --> closed : [granted]');
  expect(diagram).toContain('decided --> objectionPeriod : [otherwise]');
});

test('a transition guarded by several rules names each rule of the law it applies', () => {
  const diagram = mermaidDiagram(MACHINES[0]!.machine);
  expect(diagram).toContain('objectionPeriod --> reconsideration : lodge-objection [actorMayAct & objectionInTime]');
});

/**
 * `dossier machine diagram`: the lifecycle machines as Mermaid state diagrams, generated from their
 * definitions (machines/diagram.ts), so the picture cannot drift from the code.
 *
 *   dossier machine diagram                      # Markdown with every machine, on stdout
 *   dossier machine diagram --out docs/machines.md
 *   dossier machine diagram --machine application --format mermaid
 *   dossier machine diagram --check docs/machines.md   # exit 1 when the file is stale
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { AnyStateMachine } from 'xstate';
import { applicationMachine } from '../../machines/application';
import { machinesMarkdown, mermaidDiagram } from '../../machines/diagram';
import { permitMachine } from '../../machines/permit';
import { command, UsageError } from '../command';
import { Printed } from '../output';

/** The machines the diagram shows; a new machine is one more line here. */
export const MACHINES: { name: string; title: string; source: string; machine: AnyStateMachine }[] = [
  { name: 'application', title: 'Application lifecycle', source: 'machines/application.ts', machine: applicationMachine },
  { name: 'permit', title: 'Permit lifecycle', source: 'machines/permit.ts', machine: permitMachine },
];

export function diagramDocument(names: string[] = MACHINES.map((m) => m.name)): string {
  return machinesMarkdown(MACHINES.filter((m) => names.includes(m.name)));
}

export const machineCommand = command({
  name: 'machine diagram',
  summary: `The lifecycle machines (${MACHINES.map((m) => m.name).join(', ')}) as Mermaid state diagrams, generated from their definitions.`,
  options: {
    machine: { type: 'string', choices: MACHINES.map((m) => m.name), description: 'only this machine (default: every one)' },
    format: {
      type: 'string',
      choices: ['markdown', 'mermaid'],
      default: 'markdown',
      description: 'a Markdown document, or the bare Mermaid diagram of one machine',
    },
    out: { type: 'string', value: 'FILE', description: 'write the diagram to FILE instead of stdout' },
    check: { type: 'string', value: 'FILE', description: 'exit 1 when FILE differs from the diagram (not with --out)' },
  },
  async run({ options }) {
    const chosen = options.machine ? MACHINES.filter((m) => m.name === options.machine) : MACHINES;
    if (options.format === 'mermaid' && chosen.length > 1) throw new UsageError('--format: mermaid holds one machine; name it with --machine');
    if (options.out && options.check) throw new UsageError('--check: give either --out or --check');
    const text = options.format === 'mermaid' ? mermaidDiagram(chosen[0]!.machine) : diagramDocument(chosen.map((m) => m.name));
    if (options.check) {
      const current = await readFile(options.check, 'utf8').catch(() => null);
      if (current === text) return new Printed(`${options.check} is up to date\n`);
      return new Printed(`${options.check} differs from the machines; regenerate it with: npx dossier machine diagram --out ${options.check}\n`, 1);
    }
    if (options.out) {
      await writeFile(options.out, text);
      return new Printed(`wrote ${options.out}\n`);
    }
    return new Printed(text);
  },
});

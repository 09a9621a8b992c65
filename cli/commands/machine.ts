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
import { parseArgs, UsageError, type Command } from '../command';
import { Printed } from '../output';

/** The machines the diagram shows; a new machine is one more line here. */
export const MACHINES: { name: string; title: string; source: string; machine: AnyStateMachine }[] = [
  { name: 'application', title: 'Application lifecycle', source: 'machines/application.ts', machine: applicationMachine },
  { name: 'permit', title: 'Permit lifecycle', source: 'machines/permit.ts', machine: permitMachine },
];

export function diagramDocument(names: string[] = MACHINES.map((m) => m.name)): string {
  return machinesMarkdown(MACHINES.filter((m) => names.includes(m.name)));
}

export const machineCommand: Command = {
  name: 'machine',
  usage: 'diagram [--machine NAME] [--format markdown|mermaid] [--out FILE | --check FILE]',
  summary: `The lifecycle machines (${MACHINES.map((m) => m.name).join(', ')}) as Mermaid state diagrams generated from their definitions; --out writes the file, --check fails when it is stale.`,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub !== 'diagram') throw new UsageError(`SUBCOMMAND: ${sub ? `unknown "${sub}"` : 'missing'}; dossier machine diagram`);
    const { options, positional } = parseArgs(rest, { options: ['machine', 'format', 'out', 'check'] });
    if (positional.length) throw new UsageError(`unexpected argument "${positional[0]}"`);
    const format = options.format ?? 'markdown';
    if (format !== 'markdown' && format !== 'mermaid') throw new UsageError(`--format: "${format}" is not one of markdown, mermaid`);
    const chosen = options.machine ? MACHINES.filter((m) => m.name === options.machine) : MACHINES;
    if (chosen.length === 0) throw new UsageError(`--machine: unknown machine "${options.machine}"; known: ${MACHINES.map((m) => m.name).join(', ')}`);
    if (format === 'mermaid' && chosen.length > 1) throw new UsageError('--format: mermaid holds one machine; name it with --machine');
    if (options.out && options.check) throw new UsageError('--check: give either --out or --check');
    const text = format === 'mermaid' ? mermaidDiagram(chosen[0]!.machine) : diagramDocument(chosen.map((m) => m.name));
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
};

import type { Command } from './command';
import { UsageError } from './command';
import { caseCommands } from './commands/cases';
import { deadlineCommand } from './commands/deadline';
import { assessCommand } from './commands/assess';
import { caseCommand, casesCommand } from './commands/operators';
import { machineCommand } from './commands/machine';
import { Printed } from './output';

/** Every subcommand, in the order `dossier help` lists them. Add a command by adding its module here. */
function commands(): Command[] {
  return [...caseCommands, casesCommand, caseCommand, machineCommand, deadlineCommand, assessCommand];
}

const HELP = (list: Command[]) =>
  ['usage: dossier COMMAND [ARGS]', '', ...list.map((c) => `  dossier ${c.name} ${c.usage}\n      ${c.summary}`)].join('\n');

export async function main(argv: string[]): Promise<number> {
  const list = commands();
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help') {
    process.stdout.write(HELP(list) + '\n');
    return name ? 0 : 2;
  }
  const command = list.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`dossier: unknown command "${name}"\n\n${HELP(list)}\n`);
    return 2;
  }
  try {
    const result = await command.run(args);
    if (result instanceof Printed) {
      process.stdout.write(result.text);
      return result.exitCode;
    }
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`dossier ${name}: ${message}\n`);
    return err instanceof UsageError ? 2 : 1;
  }
}

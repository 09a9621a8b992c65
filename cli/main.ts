import { commandHelp, synopsis, UsageError, type Command } from './command';
import { caseCommands } from './commands/cases';
import { deadlineCommand } from './commands/deadline';
import { assessCommand } from './commands/assess';
import { operatorCommands } from './commands/operators';
import { machineCommand } from './commands/machine';
import { accountCommands } from './commands/accounts';
import { permitCommands } from './commands/permits';
import { Printed } from './output';

/** Every command, in the order `dossier help` lists them. Add a command by adding its module here. */
export const COMMANDS: Command[] = [
  ...caseCommands,
  ...operatorCommands,
  ...permitCommands,
  machineCommand,
  deadlineCommand,
  assessCommand,
  ...accountCommands,
];

const listing = (list: Command[]) => list.map((c) => `  ${synopsis(c)}\n      ${c.summary}\n`).join('');

const OVERVIEW =
  `usage: dossier COMMAND [ARGS]\n\n${listing(COMMANDS)}\n` + `"dossier help COMMAND" or "dossier COMMAND --help" lists a command's arguments and options.\n`;

/** Commands sharing a first word (`cases list`, `cases act`) form a group, named by that word. */
interface Group {
  name: string;
  commands: Command[];
}

const groupHelp = (group: Group) =>
  `usage: dossier ${group.name} SUBCOMMAND [ARGS]\n\n${listing(group.commands)}\n"dossier help ${group.name} SUBCOMMAND" lists its arguments and options.\n`;

/** The command named by the first words of `argv`, else the group its first word names. */
function find(argv: string[]): { command: Command; args: string[] } | { group: Group } | undefined {
  for (const command of COMMANDS) {
    const words = command.name.split(' ');
    if (words.every((word, i) => argv[i] === word)) return { command, args: argv.slice(words.length) };
  }
  const commands = COMMANDS.filter((c) => c.name.split(' ')[0] === argv[0]);
  return commands.length ? { group: { name: argv[0]!, commands } } : undefined;
}

function print(text: string): number {
  process.stdout.write(text);
  return 0;
}

/** Bad input: the message naming the argument and the rule, then how to call it, on stderr; exit 2. */
function usageError(who: string, message: string, usage: string): number {
  process.stderr.write(`${who}: ${message}\n\n${usage}`);
  return 2;
}

const isHelp = (arg: string | undefined) => arg === 'help' || arg === '--help' || arg === '-h';

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0) return usageError('dossier', 'COMMAND is required', OVERVIEW);
  if (isHelp(argv[0])) {
    if (argv.length === 1) return print(OVERVIEW);
    const found = find(argv.slice(1));
    if (found && 'command' in found && found.args.length === 0) return print(commandHelp(found.command));
    if (found && 'group' in found && argv.length === 2) return print(groupHelp(found.group));
    return usageError('dossier help', `no command "${argv.slice(1).join(' ')}"`, OVERVIEW);
  }
  const found = find(argv);
  if (!found) return usageError('dossier', `unknown command "${argv[0]}"`, OVERVIEW);
  if ('group' in found) {
    const { group } = found;
    const sub = argv[1];
    if (sub === '--help' || sub === '-h') return print(groupHelp(group));
    const names = group.commands.map((c) => c.name.split(' ')[1]);
    const message = sub === undefined ? `SUBCOMMAND is required (${names.join('|')})` : `SUBCOMMAND: "${sub}" is not one of ${names.join(', ')}`;
    return usageError(`dossier ${group.name}`, message, groupHelp(group));
  }

  const { command, args } = found;
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
    if (err instanceof UsageError) {
      return usageError(`dossier ${command.name}`, message, `usage: ${synopsis(command)}\n"dossier ${command.name} --help" lists its arguments and options.\n`);
    }
    process.stderr.write(`dossier ${command.name}: ${message}\n`);
    return 1;
  }
}

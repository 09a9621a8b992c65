import { commandHelp, synopsis, UsageError, type Command } from './command';
import { Printed } from './output';

/**
 * Every command module, in the order `dossier help` lists them, with the names of its commands.
 * A command loads only its own module (and what that imports): `dossier deadline` never loads
 * Temporal's client, and `dossier status` only when it must ask the case. Only `dossier help` loads
 * them all. Add a command by adding it to its module and its name here; a module whose commands
 * differ from its names here fails every command of it (and the usage tests).
 */
const MODULES: { names: readonly string[]; load: () => Command[] }[] = [
  { names: ['submit'], load: () => [(require('./commands/cases') as typeof import('./commands/cases')).submitCommand] },
  { names: ['status'], load: () => [(require('./commands/status') as typeof import('./commands/status')).statusCommand] },
  { names: ['act'], load: () => [(require('./commands/cases') as typeof import('./commands/cases')).caseActCommand] },
  {
    names: ['cases list', 'cases act', 'cases reindex', 'case show', 'case history', 'case act'],
    load: () => (require('./commands/operators') as typeof import('./commands/operators')).operatorCommands,
  },
  {
    names: ['permits list', 'permit show', 'permit history', 'permit act'],
    load: () => (require('./commands/permits') as typeof import('./commands/permits')).permitCommands,
  },
  { names: ['machine diagram'], load: () => [(require('./commands/machine') as typeof import('./commands/machine')).machineCommand] },
  { names: ['deadline'], load: () => [(require('./commands/deadline') as typeof import('./commands/deadline')).deadlineCommand] },
  { names: ['assess'], load: () => [(require('./commands/assess') as typeof import('./commands/assess')).assessCommand] },
  { names: ['users add', 'tokens create'], load: () => (require('./commands/accounts') as typeof import('./commands/accounts')).accountCommands },
];

/** The commands of one module, checked against the names it is listed under. */
function load(module: (typeof MODULES)[number]): Command[] {
  const commands = module.load();
  const names = commands.map((c) => c.name);
  if (names.join('\n') !== module.names.join('\n')) {
    throw new Error(`cli/main.ts lists the commands ${module.names.join(', ')} where the module declares ${names.join(', ')}`);
  }
  return commands;
}

/** Every command, in the order `dossier help` lists them (loads every command module). */
export const allCommands = (): Command[] => MODULES.flatMap(load);

/** The one command named `name` (loads its module only). */
function commandNamed(name: string): Command {
  const module = MODULES.find((m) => m.names.includes(name))!;
  return load(module).find((c) => c.name === name)!;
}

const NAMES = MODULES.flatMap((m) => m.names);

const listing = (list: Command[]) => list.map((c) => `  ${synopsis(c)}\n      ${c.summary}\n`).join('');

const overview = () =>
  `usage: dossier COMMAND [ARGS]\n\n${listing(allCommands())}\n` +
  `"dossier help COMMAND" or "dossier COMMAND --help" lists a command's arguments and options.\n`;

/** Commands sharing a first word (`cases list`, `cases act`) form a group, named by that word. */
interface Group {
  name: string;
  commands: Command[];
}

const groupHelp = (group: Group) =>
  `usage: dossier ${group.name} SUBCOMMAND [ARGS]\n\n${listing(group.commands)}\n"dossier help ${group.name} SUBCOMMAND" lists its arguments and options.\n`;

/** The command named by the first words of `argv`, else the group its first word names. */
function find(argv: string[]): { command: Command; args: string[] } | { group: Group } | undefined {
  for (const name of NAMES) {
    const words = name.split(' ');
    if (words.every((word, i) => argv[i] === word)) return { command: commandNamed(name), args: argv.slice(words.length) };
  }
  const names = NAMES.filter((name) => name.split(' ')[0] === argv[0]);
  return names.length ? { group: { name: argv[0]!, commands: names.map(commandNamed) } } : undefined;
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
  if (argv.length === 0) return usageError('dossier', 'COMMAND is required', overview());
  if (isHelp(argv[0])) {
    if (argv.length === 1) return print(overview());
    const found = find(argv.slice(1));
    if (found && 'command' in found && found.args.length === 0) return print(commandHelp(found.command));
    if (found && 'group' in found && argv.length === 2) return print(groupHelp(found.group));
    return usageError('dossier help', `no command "${argv.slice(1).join(' ')}"`, overview());
  }
  const found = find(argv);
  if (!found) return usageError('dossier', `unknown command "${argv[0]}"`, overview());
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

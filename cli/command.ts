/**
 * The commands of `dossier` and their one parser. Each command declares its positional arguments
 * and options once; the parsing, the checks, `dossier help` and the command's own help are all
 * generated from that declaration, so the help cannot drift from what the command accepts.
 * Splitting the arguments is Node's util.parseArgs (no dependency).
 */
import { parseArgs } from 'node:util';
import { Printed } from './output';

export type OptionSpec =
  | { type: 'boolean'; description: string }
  | {
      type: 'string';
      description: string;
      /** The value's placeholder in the usage, e.g. FILE or YYYY-MM-DD; default: the choices joined by |. */
      value?: string;
      required?: boolean;
      /** Repeatable: the values arrive as a list. */
      multiple?: boolean;
      choices?: readonly string[];
      default?: string;
    };

export interface PositionalSpec {
  name: string;
  description: string;
  optional?: boolean;
}

/** The declaration of a command; `name` is the words after `dossier`, e.g. `cases list`. */
export interface CommandSpec {
  name: string;
  summary: string;
  positionals: readonly PositionalSpec[];
  options: Readonly<Record<string, OptionSpec>>;
}

/** One command of `dossier`. Its result is printed as JSON on stdout, or as is when it is `Printed`. */
export interface Command extends CommandSpec {
  run(args: string[]): Promise<unknown>;
}

/** Bad arguments: the message names the argument and the rule; exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

// The values a command's `run` receives, typed from its declaration: booleans are true or false,
// repeatable options a list, other options a string when required or defaulted.
type OptionValue<S> = S extends { type: 'boolean' }
  ? boolean
  : S extends { multiple: true }
    ? string[]
    : S extends { required: true } | { default: string }
      ? string
      : string | undefined;
type PositionalValues<P extends readonly PositionalSpec[]> = {
  [E in P[number] as E['name']]: E extends { optional: true } ? string | undefined : string;
};
interface Parsed<O, P extends readonly PositionalSpec[]> {
  options: { [K in keyof O]: OptionValue<O[K]> };
  args: PositionalValues<P>;
}

/** A command from its declaration and what it does with the parsed arguments; `--help` prints its help instead. */
export function command<const O extends Record<string, OptionSpec> = Record<never, OptionSpec>, const P extends readonly PositionalSpec[] = []>(spec: {
  name: string;
  summary: string;
  positionals?: P;
  options?: O;
  run(parsed: Parsed<O, P>): Promise<unknown>;
}): Command {
  const declared: CommandSpec = { name: spec.name, summary: spec.summary, positionals: spec.positionals ?? [], options: spec.options ?? {} };
  return {
    ...declared,
    async run(args) {
      const parsed = parse(declared, args);
      return parsed === 'help' ? new Printed(commandHelp(declared)) : spec.run(parsed as Parsed<O, P>);
    },
  };
}

const HELP_OPTION = { type: 'boolean', short: 'h' } as const;

/** The arguments checked against the declaration; `command` gives them their declared types. */
function parse(spec: CommandSpec, args: string[]): 'help' | { options: Record<string, unknown>; args: Record<string, string | undefined> } {
  const { values, positionals, tokens } = parseArgs({
    args,
    options: {
      ...Object.fromEntries(Object.entries(spec.options).map(([name, o]) => [name, { type: o.type, multiple: o.type === 'string' && o.multiple === true }])),
      help: HELP_OPTION,
    },
    // Not strict: the checks below give util.parseArgs's errors in the words of the other usage
    // errors (the option, then the rule), and --help wins over any mistake next to it.
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  if (values.help) return 'help';

  const given = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = spec.options[token.name];
    if (!option) throw new UsageError(`unknown option ${token.rawName}`);
    if (option.type === 'boolean' && token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
    // A value that looks like an option is a forgotten value: `--as --dry-run` must not swallow the
    // dry run and act for real. Such a value can still be given as `--as=-…`.
    if (option.type === 'string' && (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))) {
      throw new UsageError(`${token.rawName} needs a value (${placeholder(option)})`);
    }
    if (option.type === 'string' && !option.multiple && given.has(token.name))
      throw new UsageError(`${token.rawName}: given more than once; it takes one value`);
    given.add(token.name);
  }

  const options: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(spec.options)) {
    if (option.type === 'boolean') {
      options[name] = values[name] === true;
      continue;
    }
    const value = values[name] as string | string[] | undefined;
    if (value === undefined && option.required) throw new UsageError(`--${name} is required (${placeholder(option)})`);
    for (const one of [value ?? []].flat()) {
      if (option.choices && !option.choices.includes(one)) throw new UsageError(`--${name}: "${one}" is not one of ${option.choices.join(', ')}`);
    }
    options[name] = value ?? (option.multiple ? [] : option.default);
  }

  const needed = spec.positionals.filter((p) => !p.optional).length;
  if (positionals.length < needed) {
    const missing = spec.positionals[positionals.length]!;
    throw new UsageError(`${missing.name} is required (${missing.description})`);
  }
  if (positionals.length > spec.positionals.length) {
    const takes = spec.positionals.length ? `the arguments are ${spec.positionals.map((p) => p.name).join(' ')}` : 'it takes options only';
    throw new UsageError(`unexpected argument "${positionals[spec.positionals.length]}"; ${takes}`);
  }
  return { options, args: Object.fromEntries(spec.positionals.map((p, i) => [p.name, positionals[i]])) };
}

const placeholder = (o: Extract<OptionSpec, { type: 'string' }>) => o.value ?? o.choices?.join('|') ?? 'VALUE';
const optionUsage = (name: string, o: OptionSpec) => (o.type === 'boolean' ? `--${name}` : `--${name} ${placeholder(o)}`);

/** The command's one-line usage: `dossier NAME ARGS [OPTIONS]`, required options unbracketed. */
export function synopsis(spec: CommandSpec): string {
  const args = spec.positionals.map((p) => (p.optional ? `[${p.name}]` : p.name));
  const options = Object.entries(spec.options).map(([name, o]) => (o.type === 'string' && o.required ? optionUsage(name, o) : `[${optionUsage(name, o)}]`));
  return ['dossier', spec.name, ...args, ...options].join(' ');
}

/** `dossier help NAME`: the usage, the summary, then each argument and option with its description. */
export function commandHelp(spec: CommandSpec): string {
  const note = (o: OptionSpec) =>
    o.type === 'boolean'
      ? ''
      : [o.required && ' (required)', o.multiple && ' (repeatable)', o.default !== undefined && ` (default: ${o.default})`].filter(Boolean).join('');
  const args = spec.positionals.map((p) => [p.name, p.description + (p.optional ? ' (optional)' : '')] as const);
  const options = [
    ...Object.entries(spec.options).map(([name, o]) => [optionUsage(name, o), o.description + note(o)] as const),
    ['-h, --help', 'print this help'] as const,
  ];
  const width = Math.max(...[...args, ...options].map(([left]) => left.length));
  const rows = (list: (readonly [string, string])[]) => list.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join('\n');
  const lines = [`usage: ${synopsis(spec)}`, '', spec.summary, ...(args.length ? ['', 'arguments:', rows(args)] : []), '', 'options:', rows(options)];
  return `${lines.join('\n')}\n`;
}

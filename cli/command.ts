/** One subcommand of `dossier`. Its result is printed as JSON on stdout. */
export interface Command {
  name: string;
  /** One line: the arguments, as shown in `dossier help`. */
  usage: string;
  summary: string;
  run(args: string[]): Promise<unknown>;
}

/** Bad arguments: the message names the argument and the rule; exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Splits `--name value` / `--name=value` options from positional arguments. */
export function parseArgs(args: string[], known: { options?: string[]; flags?: string[] } = {}) {
  const options: Record<string, string> = {};
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [rawName, inlineValue] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (known.flags?.includes(rawName)) {
      flags.add(rawName);
    } else if (known.options?.includes(rawName)) {
      const value = inlineValue ?? args[++i];
      if (value === undefined) throw new UsageError(`--${rawName} needs a value`);
      options[rawName] = value;
    } else {
      throw new UsageError(`unknown option --${rawName}`);
    }
  }
  return { options, flags, positional };
}

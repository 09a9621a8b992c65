/**
 * The command line's usage, generated from each command's declaration (cli/command.ts): `dossier
 * help`, each command's own help, and the errors for bad arguments, from the real bin/dossier.js.
 * No Temporal server is involved: every bad argument here is refused before a command connects.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { allCommands } from '../../cli/main';

const COMMANDS = allCommands();
const root = join(__dirname, '..', '..');
const FACTS = 'examples/no-s38-child.json';

function dossier(...args: string[]) {
  const run = spawnSync(process.execPath, [join(root, 'bin', 'dossier.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('dossier help lists every command with its arguments, its options and its summary', () => {
  const run = dossier('help');
  expect([run.status, run.stderr]).toEqual([0, '']);
  expect(run.stdout).toContain('\n  dossier deadline --jurisdiction NL|NO --kind KIND --from YYYY-MM-DD [--on YYYY-MM-DD] [--decree-days FILE]\n');
  expect(run.stdout).toContain('\n  dossier case act CASE-ID ACTION [JSON] [--as ROLE:ID]\n');
  const lines = run.stdout.split('\n');
  for (const command of COMMANDS) {
    const line = lines.find((l) => l === `  dossier ${command.name}` || l.startsWith(`  dossier ${command.name} `));
    expect(line).toBeDefined();
    for (const p of command.positionals) expect(line).toContain(p.optional ? ` [${p.name}]` : ` ${p.name}`);
    for (const option of Object.keys(command.options)) expect(line).toContain(`--${option}`);
    expect(lines[lines.indexOf(line!) + 1]).toBe(`      ${command.summary}`);
  }
});

test.each(COMMANDS)('`dossier help $name` and `dossier $name --help` list each argument and option with its description', (command) => {
  const words = command.name.split(' ');
  const help = dossier('help', ...words);
  expect([help.status, help.stderr]).toEqual([0, '']);
  expect(dossier(...words, '--help')).toEqual(help);
  const lines = help.stdout.split('\n');
  expect(lines[0]).toMatch(new RegExp(`^usage: dossier ${literal(command.name)}( |$)`));
  expect(lines).toContain(command.summary);
  for (const p of command.positionals) {
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^  ${literal(p.name)} +${literal(p.description)}`)));
  }
  for (const [option, spec] of Object.entries(command.options)) {
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^  --${literal(option)}( \\S+)? +${literal(spec.description)}`)));
  }
  expect(lines).toContainEqual(expect.stringMatching(/^ {2}-h, --help +print this help$/));
});

test('a command help in full: usage, summary, arguments, options with their defaults', () => {
  const run = dossier('assess', '-h');
  expect(run.status).toBe(0);
  expect(run.stdout).toBe(
    [
      'usage: dossier assess FILE [--on YYYY-MM-DD] [--all]',
      '',
      "Assess an application's facts under its jurisdiction's policy pack, on a date: the outcome, what it rests on and which version of each rule applied.",
      '',
      'arguments:',
      '  FILE             the application facts, as JSON',
      '',
      'options:',
      '  --on YYYY-MM-DD  the date of the assessment (default: today in the office time zone)',
      '  --all            add every rule in force, with all its conditions',
      '  -h, --help       print this help',
      '',
    ].join('\n'),
  );
  const diagram = dossier('help', 'machine', 'diagram').stdout;
  expect(diagram).toMatch(/^ {2}--format markdown\|mermaid +a Markdown document, or the bare Mermaid diagram of one machine \(default: markdown\)$/m);
  expect(dossier('help', 'cases', 'list').stdout).toMatch(/^ {2}--state STATE\[,STATE…\] +cases in one of these states: submitted, .* \(repeatable\)$/m);
});

test('dossier help CASES lists the commands of a group; --help anywhere on a command wins over a mistake next to it', () => {
  const group = dossier('help', 'case');
  expect([group.status, group.stderr]).toEqual([0, '']);
  expect(group.stdout).toMatch(/^usage: dossier case SUBCOMMAND/);
  for (const sub of ['show CASE-ID', 'history CASE-ID', 'act CASE-ID ACTION']) expect(group.stdout).toContain(`\n  dossier case ${sub}`);
  expect(dossier('cases', '--help').stdout).toContain('\n  dossier cases act ACTION [JSON]');

  const help = dossier('deadline', '--frm', '2026-01-05', '--help');
  expect([help.status, help.stderr]).toEqual([0, '']);
  expect(help.stdout).toMatch(/^usage: dossier deadline /);
});

test.each<[string, string[], string, string]>([
  [
    'an unknown option',
    ['deadline', '--jurisdiction', 'NL', '--kind', 'cure', '--from', '2026-01-05', '--frm', '2026-01-06'],
    'dossier deadline: unknown option --frm',
    'usage: dossier deadline --jurisdiction NL|NO',
  ],
  ['an unknown short option', ['assess', FACTS, '-x'], 'dossier assess: unknown option -x', 'usage: dossier assess FILE'],
  ['a missing value', ['assess', FACTS, '--on'], 'dossier assess: --on needs a value (YYYY-MM-DD)', 'usage: dossier assess FILE'],
  // `--as --dry-run` must not take the flag for the actor's name and act for real.
  [
    'an option in place of a value',
    ['cases', 'act', 'withdraw', '--state', 'awaitingEvidence', '--as', '--dry-run'],
    'dossier cases act: --as needs a value (ROLE:ID)',
    'usage: dossier cases act ACTION [JSON]',
  ],
  ['a value for a flag', ['assess', FACTS, '--all=yes'], 'dossier assess: --all takes no value', 'usage: dossier assess FILE'],
  [
    'an option given twice',
    ['deadline', '--jurisdiction', 'NL', '--kind', 'cure', '--from', '2026-01-05', '--from', '2026-01-06'],
    'dossier deadline: --from: given more than once; it takes one value',
    'usage: dossier deadline',
  ],
  [
    'a missing required option',
    ['deadline', '--jurisdiction', 'NL', '--from', '2026-01-05'],
    'dossier deadline: --kind is required (KIND)',
    'usage: dossier deadline',
  ],
  [
    'a missing argument',
    ['case', 'show'],
    'dossier case show: CASE-ID is required (a case number, e.g. NL-20261123-1A2B3C4D)',
    'usage: dossier case show CASE-ID [--json]',
  ],
  [
    'an extra argument',
    ['status', 'NL-2026-0001', 'now'],
    'dossier status: unexpected argument "now"; the arguments are CASE-ID',
    'usage: dossier status CASE-ID',
  ],
  [
    'an argument to a command of options only',
    ['cases', 'list', 'open'],
    'dossier cases list: unexpected argument "open"; it takes options only',
    'usage: dossier cases list [',
  ],
  [
    'a repeated option checked value by value',
    ['cases', 'list', '--state', 'awaitingEvidence', '--state', 'submitted,approved'],
    'dossier cases list: --state: unknown state "approved"; known: submitted, completenessCheck',
    'usage: dossier cases list [',
  ],
  ['an unknown subcommand', ['cases', 'frob'], 'dossier cases: SUBCOMMAND: "frob" is not one of list, act', 'usage: dossier cases SUBCOMMAND'],
  ['a missing subcommand', ['case'], 'dossier case: SUBCOMMAND is required (show|history|act)', 'usage: dossier case SUBCOMMAND'],
  ['an unknown command', ['frob'], 'dossier: unknown command "frob"', 'usage: dossier COMMAND'],
  ['no command', [], 'dossier: COMMAND is required', 'usage: dossier COMMAND'],
  ['help on an unknown command', ['help', 'cases', 'frob'], 'dossier help: no command "cases frob"', 'usage: dossier COMMAND'],
])('%s exits 2 with one line naming it and the rule, then the usage, on stderr', (_what, args, message, usage) => {
  const run = dossier(...args);
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  const [first, blank, ...rest] = run.stderr.split('\n');
  expect(first).toMatch(new RegExp(`^${literal(message)}`));
  expect(blank).toBe('');
  expect(rest[0]).toMatch(new RegExp(`^${literal(usage)}`));
});

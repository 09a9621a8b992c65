/**
 * `dossier users add`, `dossier tokens create`: the accounts of the HTTP API (platform/accounts.ts),
 * in the database the environment names (DOSSIER_DATABASE_URL, else the data folder's SQLite file).
 */
import { AccountInputError, Accounts, USER_ROLES, type UserRole } from '../../platform/accounts';
import { loadConfig, type Config } from '../../platform/config';
import { openDatabase } from '../../platform/database';
import { ROLES, type Role } from '../../domain/roles';
import { command, UsageError } from '../command';

/** Opens the database for one command and closes it after, so that the process exits; bad input is a usage error. */
async function withAccounts<T>(config: Config, use: (accounts: Accounts) => Promise<T>): Promise<T> {
  const database = await openDatabase(config);
  try {
    return await use(new Accounts(database.db));
  } catch (err) {
    throw err instanceof AccountInputError ? new UsageError(err.message) : err;
  } finally {
    await database.close();
  }
}

/** What a terminal types, not shown: raw mode, so each key arrives here instead of being echoed. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let answer = '';
    const finish = (error?: Error) => {
      stdin.off('data', onKeys);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(answer);
    };
    const onKeys = (keys: string) => {
      for (const key of keys) {
        if (key === '\r' || key === '\n') return finish();
        // Ctrl-C, Ctrl-D: the terminal's usual "stop".
        if (key === '\u0003' || key === '\u0004') return finish(new Error('cancelled; no user was added'));
        answer = key === '\u007f' || key === '\b' ? [...answer].slice(0, -1).join('') : answer + key;
      }
    };
    stdin.on('data', onKeys);
    stdin.resume();
  });
}

/** The password: asked twice at a terminal; otherwise all of standard input, less one final newline. */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    const password = await promptHidden('password: ');
    if ((await promptHidden('password again: ')) !== password) throw new UsageError('password: the two entries differ');
    return password;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const addUser = command({
  name: 'users add',
  summary: 'Add a person who logs in to the web app; the password is read from standard input (asked twice at a terminal).',
  positionals: [{ name: 'ID', description: "the person's id in the office's directory: 1-64 letters, digits and . _ @ -" }],
  options: { role: { type: 'string', required: true, choices: USER_ROLES, description: 'what they may do (domain/roles.ts)' } },
  async run({ args, options }) {
    const config = loadConfig(); // a bad environment stops the command before anyone types a password
    const password = await readPassword();
    const user = await withAccounts(config, (accounts) => accounts.addUser(args.ID, options.role as UserRole, password));
    return { ...user, created: true };
  },
});

const createToken = command({
  name: 'tokens create',
  summary: 'Create an API token for a person or a system; it is printed once, and only its hash is stored.',
  options: {
    id: { type: 'string', required: true, value: 'ID', description: 'who uses it: 1-64 letters, digits and . _ @ -' },
    role: { type: 'string', required: true, choices: ROLES, description: 'the role it acts in' },
  },
  async run({ options }) {
    const role = options.role as Role;
    const token = await withAccounts(loadConfig(), (accounts) => accounts.createToken(options.id, role));
    return { id: options.id, role, token, note: 'shown once; only its hash is stored' };
  },
});

export const accountCommands = [addUser, createToken];

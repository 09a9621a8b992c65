/**
 * `dossier users add` and `dossier tokens create` as an administrator runs them: the real command
 * line in a child process, on an SQLite database in a temporary data folder; what they stored is
 * then checked through platform/accounts.ts on the same folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Accounts } from '../../platform/accounts';
import { openDatabase } from '../../platform/database';
import { runCli } from '../support/cli';

const PASSWORD = 'correct horse battery staple';
let dataDir: string;
// An empty variable is unset (platform/config.ts): the SQLite file, whatever the developer's shell has.
const env = () => ({ DOSSIER_DATA_DIR: dataDir, DOSSIER_DATABASE_URL: '' });

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'dossier-cli-accounts-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

async function withAccounts<T>(use: (accounts: Accounts) => Promise<T>): Promise<T> {
  const database = await openDatabase({ DOSSIER_DATA_DIR: dataDir });
  try {
    return await use(new Accounts(database.db));
  } finally {
    await database.close();
  }
}

test('users add reads the password from standard input, less its final newline', async () => {
  const run = await runCli(['users', 'add', 'anna.de.vries', '--role', 'caseworker'], env(), { stdin: `${PASSWORD}\n` });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.json()).toEqual({ id: 'anna.de.vries', role: 'caseworker', created: true });

  await withAccounts(async (accounts) => {
    expect(await accounts.verifyLogin('anna.de.vries', PASSWORD)).toEqual({ id: 'anna.de.vries', role: 'caseworker' });
    expect(await accounts.verifyLogin('anna.de.vries', `${PASSWORD}\n`)).toBeNull();
  });

  const again = await runCli(['users', 'add', 'anna.de.vries', '--role', 'operator'], env(), { stdin: 'another long password' });
  expect(again.code).toBe(1);
  expect(again.stderr).toBe('dossier users add: a user with id "anna.de.vries" already exists\n');
});

test('users add refuses a bad id, role or password with the rule, and adds nobody', async () => {
  const short = await runCli(['users', 'add', 'anna', '--role', 'caseworker'], env(), { stdin: 'too short\n' });
  expect(short.code).toBe(2);
  expect(short.stderr).toMatch(/^dossier users add: password: must be at least 12 characters\n/);

  const none = await runCli(['users', 'add', 'anna', '--role', 'caseworker'], env());
  expect(none.code).toBe(2);
  expect(none.stderr).toMatch(/password: must be at least 12 characters/);

  const badId = await runCli(['users', 'add', 'anna de vries', '--role', 'caseworker'], env(), { stdin: PASSWORD });
  expect(badId.code).toBe(2);
  expect(badId.stderr).toMatch(/^dossier users add: id: an actor id is 1-64 letters, digits and \. _ @ -\n/);

  const badRole = await runCli(['users', 'add', 'anna', '--role', 'applicant'], env(), { stdin: PASSWORD });
  expect(badRole.code).toBe(2);
  expect(badRole.stderr).toMatch(/^dossier users add: --role: "applicant" is not one of caseworker, operator\n/);

  expect(await withAccounts((accounts) => accounts.hasUsers())).toBe(false);
});

test('tokens create prints the token once; it names its holder', async () => {
  const run = await runCli(['tokens', 'create', '--id', 'intake-system', '--role', 'applicant'], env());
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const printed = run.json<{ token: string }>();
  expect(printed).toEqual({
    id: 'intake-system',
    role: 'applicant',
    token: expect.stringMatching(/^dossier_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/),
    note: 'shown once; only its hash is stored',
  });
  expect(await withAccounts((accounts) => accounts.principalForToken(printed.token))).toEqual({ id: 'intake-system', role: 'applicant' });

  const badRole = await runCli(['tokens', 'create', '--id', 'intake-system', '--role', 'admin'], env());
  expect(badRole.code).toBe(2);
  expect(badRole.stderr).toMatch(/^dossier tokens create: --role: "admin" is not one of caseworker, applicant, operator\n/);
});

test('two commands on a new data folder at once both migrate it safely, once', async () => {
  const runs = await Promise.all(['one', 'two'].map((id) => runCli(['tokens', 'create', '--id', id, '--role', 'operator'], env())));
  for (const run of runs) expect([run.code, run.stderr]).toEqual([0, '']);
  await withAccounts(async (accounts) => {
    for (const [i, id] of ['one', 'two'].entries()) {
      expect(await accounts.principalForToken(runs[i]!.json<{ token: string }>().token)).toEqual({ id, role: 'operator' });
    }
  });
});

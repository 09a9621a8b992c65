/** A test that needs a Temporal server and finds none fails and says how to install it. */
import { createDevServerEnv, createTimeSkippingEnv } from '../support/temporal';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

test.each([
  ['time-skipping test server', 'TEMPORAL_TEST_SERVER_PATH', createTimeSkippingEnv],
  ['dev server', 'TEMPORAL_CLI_PATH', createDevServerEnv],
] as const)('a missing %s is an error naming the install command', async (_, variable, create) => {
  process.env[variable] = '/nonexistent/temporal-server';
  delete process.env.DOSSIER_TEMPORAL_DOWNLOAD;
  await expect(create()).rejects.toThrow(/No Temporal server executable at \/nonexistent\/temporal-server\. Run `bash scripts\/setup\.sh`/);
});

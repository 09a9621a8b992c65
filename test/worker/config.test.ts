/** The environment is parsed at start-up: defaults for the embedded setup, and bad values named. */
import { ConfigError, loadConfig } from '../../platform/config';
import { connectionOptions } from '../../platform/connection';

test('an empty environment gives the embedded defaults', () => {
  const config = loadConfig({});
  expect(config).toMatchObject({
    TEMPORAL_ADDRESS: 'localhost:7233',
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: 'dossier',
    MAIL_FROM: 'dossier@localhost',
    outboxDir: 'data/outbox',
    DOSSIER_MAX_CACHED_WORKFLOWS: 2000,
  });
  expect(config.SMTP_URL).toBeUndefined();
  expect(connectionOptions(config)).toEqual({ address: 'localhost:7233', tls: false, apiKey: undefined });
});

test('an API key for a remote cluster turns TLS on', () => {
  const config = loadConfig({ TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233', TEMPORAL_NAMESPACE: 'ns.acct', TEMPORAL_API_KEY: 'secret' });
  expect(connectionOptions(config)).toEqual({ address: 'ns.acct.tmprl.cloud:7233', tls: true, apiKey: 'secret' });
});

test.each([
  [{ TEMPORAL_ADDRESS: 'localhost' }, 'TEMPORAL_ADDRESS: must be HOST:PORT'],
  [{ SMTP_URL: 'http://mail.example' }, 'SMTP_URL: must be an smtp:// or smtps:// URL'],
  [{ MAIL_FROM: 'office' }, 'MAIL_FROM: must be an e-mail address'],
  [{ TEMPORAL_TLS: 'yes' }, 'TEMPORAL_TLS:'],
  [{ TEMPORAL_TLS_CERT_PATH: '/etc/client.pem' }, 'TEMPORAL_TLS_KEY_PATH: mTLS needs both'],
  [{ TEMPORAL_NAMESPACE: 'a b' }, 'TEMPORAL_NAMESPACE: must be a namespace name'],
  [{ DOSSIER_MAX_CACHED_WORKFLOWS: '-1' }, 'DOSSIER_MAX_CACHED_WORKFLOWS: must be 0 or more'],
  [{ DOSSIER_MAX_CACHED_WORKFLOWS: '2.5' }, 'DOSSIER_MAX_CACHED_WORKFLOWS: must be a whole number of workflows'],
  [{ DOSSIER_MAX_CACHED_WORKFLOWS: 'many' }, 'DOSSIER_MAX_CACHED_WORKFLOWS: must be a number of workflows'],
])('a bad value stops start-up with a message naming the variable: %o', (env, message) => {
  expect(() => loadConfig(env)).toThrow(ConfigError);
  expect(() => loadConfig(env)).toThrow(message);
});

test('every bad variable is reported at once', () => {
  expect(() => loadConfig({ TEMPORAL_ADDRESS: 'x', MAIL_FROM: 'y' })).toThrow(/TEMPORAL_ADDRESS[\s\S]*MAIL_FROM/);
});

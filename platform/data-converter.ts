/**
 * The one place that turns configuration into Temporal's data converter: the encrypting payload
 * codec and the failure converter that hands failure messages to it. The worker, the CLI,
 * `npm start` and the codec server all take it from here, so they always agree on the keys.
 *
 * With no keys configured (the embedded default, `npm start` on a fresh clone), a key and a codec
 * server token are generated once into `$DOSSIER_DATA_DIR/secrets.json` (mode 0600, git-ignored
 * with the data folder), so encryption is on from the first case.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { AesGcmCodec, newKeyEntry, type KeyRing } from './codec';
import { ConfigError, loadConfig, type Config } from './config';

export const failureConverterPath = require.resolve('./failure-converter');

export function dataConverterFor(config: Config): DataConverter {
  return { payloadCodecs: [codecFor(config)], failureConverterPath };
}

export function codecFor(config: Config): AesGcmCodec {
  return new AesGcmCodec(keyRingFor(config));
}

export function keyRingFor(config: Config): KeyRing {
  return config.encryption ?? localSecrets(config.DOSSIER_DATA_DIR).keyRing;
}

/** The codec server's bearer token: DOSSIER_CODEC_TOKEN, else the one generated into the data folder. */
export function codecTokenFor(config: Config): string {
  return config.DOSSIER_CODEC_TOKEN ?? localSecrets(config.DOSSIER_DATA_DIR).token;
}

/** Reads the data folder's generated secrets, creating them on first use. */
export function localSecrets(dataDir: string): { keyRing: KeyRing; token: string; path: string } {
  const path = join(dataDir, 'secrets.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    text = createOnce(path, {
      DOSSIER_ENCRYPTION_KEYS: newKeyEntry(`local-${new Date().toISOString().slice(0, 10)}`),
      DOSSIER_CODEC_TOKEN: randomBytes(32).toString('base64url'),
    });
  }
  // The same rules as the environment: the file holds environment values.
  let secrets: Config;
  try {
    secrets = loadConfig(JSON.parse(text));
  } catch (err) {
    throw new ConfigError(`${path}: ${(err as Error).message}`);
  }
  if (!secrets.encryption || !secrets.DOSSIER_CODEC_TOKEN) throw new ConfigError(`${path}: needs DOSSIER_ENCRYPTION_KEYS and DOSSIER_CODEC_TOKEN`);
  return { keyRing: secrets.encryption, token: secrets.DOSSIER_CODEC_TOKEN, path };
}

/**
 * Writes the file only if it does not exist, atomically: the CLI and the worker may start at the
 * same moment on a fresh clone, and both must end up with the same key.
 */
function createOnce(path: string, values: Record<string, string>): string {
  mkdirSync(join(path, '..'), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temp, JSON.stringify(values, null, 2) + '\n', { mode: 0o600 });
  try {
    linkSync(temp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(temp);
  }
  return readFileSync(path, 'utf8');
}

/**
 * `node bin/run.js worker/codec-main.ts`: the codec server on its own (next to the web UI of a
 * cluster; in the worker's image), with the same keys and token as the workers:
 * DOSSIER_ENCRYPTION_KEYS, DOSSIER_CODEC_TOKEN, DOSSIER_CODEC_HOST/PORT, DOSSIER_CODEC_CORS_ORIGINS.
 * `npm start` runs one itself.
 */
import { createCodecServer, listen } from './codec-server';
import { ConfigError, loadConfig } from '../platform/config';
import { codecFor, codecTokenFor } from '../platform/data-converter';

async function main() {
  const config = loadConfig();
  const server = createCodecServer({ codec: codecFor(config), token: codecTokenFor(config), origins: config.codecOrigins });
  const address = await listen(server, config.DOSSIER_CODEC_PORT, config.DOSSIER_CODEC_HOST);
  console.log(JSON.stringify({ msg: 'codec server listening', port: address.port, origins: config.codecOrigins }));
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});

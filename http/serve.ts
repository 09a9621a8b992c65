/**
 * The HTTP API and web app alone, for deployments that run them apart from the workers
 * (docker-compose's `web` service); `npm start` runs them beside its worker instead.
 */
import { ConfigError, loadConfig } from '../platform/config';
import { startHttp } from './main';

async function main() {
  const http = await startHttp(loadConfig());
  process.stdout.write(`dossier: web app and API at ${http.url}/ (OpenAPI: ${http.url}/api/openapi.json)\n`);
  if (!http.hasUsers) process.stdout.write('dossier: no account yet: npx dossier users add YOUR-ID --role caseworker\n');
  const stop = () => void http.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : `dossier: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});

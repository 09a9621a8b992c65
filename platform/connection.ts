/** Connection options for a Temporal cluster, from the configuration: local, mTLS or API key. */
import { readFileSync } from 'node:fs';
import type { Env } from './config';

export function connectionOptions(config: Env) {
  const clientCert =
    config.TEMPORAL_TLS_CERT_PATH && config.TEMPORAL_TLS_KEY_PATH
      ? { crt: readFileSync(config.TEMPORAL_TLS_CERT_PATH), key: readFileSync(config.TEMPORAL_TLS_KEY_PATH) }
      : undefined;
  const tls = config.TEMPORAL_TLS ?? Boolean(clientCert || config.TEMPORAL_API_KEY);
  return {
    address: config.TEMPORAL_ADDRESS,
    tls: tls ? (clientCert ? { clientCertPair: clientCert } : true) : false,
    apiKey: config.TEMPORAL_API_KEY,
  };
}

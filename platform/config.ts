/**
 * The environment, parsed once with zod: a bad value stops start-up with a message that names
 * the variable and the rule.
 */
import { z } from 'zod';
import { issueLines } from '../domain/issues';
import { DEFAULT_TASK_QUEUE } from '../workflows/task-queue';
import { KEY_ID_PATTERN, parseKeyList, type KeyRing } from './codec';

/** `ID:BASE64KEY[,…]`: every key that may decrypt; each problem is one issue on this variable. */
const keyList = z.string().transform((text, ctx) => {
  const { keys, problems } = parseKeyList(text);
  for (const message of problems) ctx.addIssue({ code: 'custom', message });
  return problems.length ? z.NEVER : keys;
});

const origins = z.string().transform((text, ctx) => {
  const list = text.split(',').map((o) => o.trim());
  for (const origin of list) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin))
      ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin like http://127.0.0.1:8233 (scheme, host, port; no path)` });
  }
  return list;
});

/** The URL when it is https, or http to this machine only (a test, a local identity provider), without fragment; else null. */
export function secureUrl(text: string): URL | null {
  const url = URL.canParse(text) ? new URL(text) : null;
  const local = url?.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return url && (url.protocol === 'https:' || local) && !url.hash ? url : null;
}

export const OIDC_CALLBACK_PATH = '/login/oidc/callback';

/** `idp-role=caseworker,…`, in order: the first entry a person holds decides their role. */
const roleMap = z.string().transform((text, ctx) => {
  const map = new Map<string, 'caseworker' | 'operator'>();
  for (const entry of text.split(',')) {
    const [idpRole, role, ...rest] = entry.split('=').map((part) => part.trim());
    if (!idpRole || (role !== 'caseworker' && role !== 'operator') || rest.length) {
      ctx.addIssue({ code: 'custom', message: `"${entry.trim()}" is not IDP-ROLE=caseworker or IDP-ROLE=operator` });
    } else if (map.has(idpRole)) {
      ctx.addIssue({ code: 'custom', message: `"${idpRole}" is mapped twice` });
    } else {
      map.set(idpRole, role);
    }
  }
  return map;
});

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const EnvSchema = z
  .object({
    TEMPORAL_ADDRESS: z
      .string()
      .regex(/^[^\s:/]+:\d{1,5}$/, 'must be HOST:PORT, e.g. localhost:7233')
      .default('localhost:7233'),
    TEMPORAL_NAMESPACE: z
      .string()
      .regex(/^[A-Za-z0-9._-]+$/, 'must be a namespace name')
      .default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
    /** TLS to a remote cluster: on with TEMPORAL_TLS=true, or implied by a client certificate or API key. */
    TEMPORAL_TLS: flag.optional(),
    TEMPORAL_TLS_CERT_PATH: z.string().min(1).optional(),
    TEMPORAL_TLS_KEY_PATH: z.string().min(1).optional(),
    TEMPORAL_API_KEY: z.string().min(1).optional(),
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example:587' }).optional(),
    MAIL_FROM: z.email('must be an e-mail address').default('dossier@localhost'),
    /**
     * The office that signs the applicant's letters (activities/notices.ts): its name (default: the
     * authority of the case's jurisdiction), postal address (lines separated by "|") and telephone.
     * Unset address or phone: the letter offers a reply by e-mail to MAIL_FROM only.
     */
    DOSSIER_OFFICE_NAME: z.string().trim().min(1).optional(),
    DOSSIER_OFFICE_ADDRESS: z.string().trim().min(1, 'give the postal address, lines separated by "|"').optional(),
    DOSSIER_OFFICE_PHONE: z
      .string()
      .trim()
      .regex(/^\+?[\d ()-]{6,}$/, 'must be a telephone number, e.g. +31 20 123 4567')
      .optional(),
    /** The foreign ministry's intake for ambtsbericht requests (the e-mail adapter of activities/ministry.ts). */
    MINISTRY_INTAKE_EMAIL: z.email('must be an e-mail address').default('ministry-intake@localhost'),
    /** Operators are alerted here (besides the structured log) when a case is overdue. */
    OPERATOR_ALERT_EMAIL: z.email('must be an e-mail address').optional(),
    DOSSIER_DATA_DIR: z.string().min(1).default('data'),
    DOSSIER_OUTBOX_DIR: z.string().min(1).optional(),
    /** The old sent-ledger folder, imported when a worker starts; the ledger now lives in the database (SQLite, or PostgreSQL shared by all workers). */
    DOSSIER_SENT_DIR: z.string().min(1).optional(),
    /** Prometheus endpoint of the worker (SDK metrics and case counts), HOST:PORT, or `off`. */
    DOSSIER_METRICS_ADDRESS: z
      .string()
      .regex(/^([^\s:/]+:\d{1,5}|off)$/, 'must be HOST:PORT, e.g. 127.0.0.1:9464, or off')
      .default('127.0.0.1:9464'),
    /** How often the worker counts cases by state for its metrics, in seconds. */
    DOSSIER_CASE_METRICS_INTERVAL: z.coerce
      .number({ error: 'must be a number of seconds' })
      .int('must be a whole number of seconds')
      .min(1, 'must be at least 1 second')
      .default(30),
    /**
     * Open cases the worker keeps in memory between their tasks (its sticky workflow cache), about
     * 115 KiB of heap and 370 KiB resident each (bench/README.md, bench:memory): 2,000 fit in the
     * worker's 512 MiB heap. A case outside the cache is replayed from its history when it next has
     * work, so this bounds memory, not the number of open cases.
     */
    DOSSIER_MAX_CACHED_WORKFLOWS: z.coerce
      .number({ error: 'must be a number of workflows' })
      .int('must be a whole number of workflows')
      .min(0, 'must be 0 or more')
      .default(2000),
    /**
     * Payload encryption (platform/codec.ts): every key that may decrypt, and the id of the one that
     * encrypts. Unset: a key generated once into the data folder (the embedded default).
     */
    DOSSIER_ENCRYPTION_KEYS: keyList.optional(),
    DOSSIER_ENCRYPTION_KEY_ID: z.string().regex(KEY_ID_PATTERN, 'must be a key id: 1-64 letters, digits, ".", "_" or "-"').optional(),
    /** The codec server for the web UI (worker/codec-server.ts): its bearer token, port and the UI origins it answers. */
    DOSSIER_CODEC_TOKEN: z
      .string()
      .regex(/^[A-Za-z0-9._~-]{24,}$/, 'must be at least 24 characters of letters, digits or ._~- (it may stand in a URL path)')
      .optional(),
    DOSSIER_CODEC_HOST: z.string().min(1).default('127.0.0.1'),
    DOSSIER_CODEC_PORT: z.coerce
      .number({ error: 'must be a port number' })
      .int('must be a port number')
      .min(1, 'must be a port number')
      .max(65535, 'must be a port number')
      .default(8234),
    DOSSIER_CODEC_CORS_ORIGINS: origins.optional(),
    /**
     * Applicants' uploads (platform/documents.ts): the largest accepted, in bytes; and, to keep them in an S3-compatible store
     * rather than `$DOSSIER_DATA_DIR/documents`, the bucket's path-style URL with its region and credentials.
     */
    DOSSIER_DOCUMENT_MAX_BYTES: z.coerce
      .number({ error: 'must be a number of bytes' })
      .int('must be a whole number of bytes')
      .min(1, 'must be at least 1 byte')
      .default(10 * 1024 * 1024),
    DOSSIER_DOCUMENTS_S3_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .refine(
        (url) => /^\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/?$/.test(new URL(url).pathname) && !new URL(url).search,
        'must be the endpoint and the bucket, path-style, e.g. http://minio:9000/dossier-documents (no key prefix, no query)',
      )
      .optional(),
    DOSSIER_DOCUMENTS_S3_REGION: z
      .string()
      .regex(/^[a-z0-9-]{1,32}$/, 'must be a region name, e.g. us-east-1')
      .default('us-east-1'),
    DOSSIER_DOCUMENTS_S3_ACCESS_KEY: z.string().min(1).optional(),
    DOSSIER_DOCUMENTS_S3_SECRET_KEY: z.string().min(1).optional(),
    /** Accounts, tokens and sessions: PostgreSQL at this URL; unset, an SQLite file in the data folder. */
    DOSSIER_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL, e.g. postgres://dossier:secret@db:5432/dossier' }).optional(),
    /** Where the HTTP API and the web app listen, HOST:PORT. */
    DOSSIER_HTTP_ADDRESS: z
      .string()
      .regex(/^[^\s:/]+:\d{1,5}$/, 'must be HOST:PORT, e.g. 127.0.0.1:8080')
      .default('127.0.0.1:8080'),
    /** The address people reach the web app at (behind a proxy, its https:// URL); https makes cookies Secure. */
    DOSSIER_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
    /** Hours a login lasts without activity. */
    DOSSIER_SESSION_HOURS: z.coerce
      .number({ error: 'must be a number of hours' })
      .int('must be whole hours')
      .min(1, 'at least 1')
      .max(24 * 7, 'at most 168')
      .default(8),
    /**
     * Days an applicant's link works (platform/links.ts): the link in a notice, and a fresh one the
     * link page mails. A notice with a deadline links for at least its deadline plus 30 days.
     */
    DOSSIER_LINK_DAYS: z.coerce
      .number({ error: 'must be a number of days' })
      .int('must be whole days')
      .min(1, 'at least 1')
      .max(366, 'at most 366')
      .default(60),
    /** The Temporal web UI's address, for links from a case to its history; default: the dev server's UI. */
    DOSSIER_TEMPORAL_UI_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
    /**
     * Login through the office's identity provider with OpenID Connect (http/oidc.ts): on when the
     * issuer and the client id are set. The secret is optional: a public client relies on PKCE alone.
     */
    DOSSIER_OIDC_ISSUER: z
      .string()
      .refine((text) => secureUrl(text)?.search === '', 'must be an https:// URL (http:// only for localhost or 127.0.0.1), without query or fragment')
      .optional(),
    DOSSIER_OIDC_CLIENT_ID: z
      .string()
      .regex(/^[\x21-\x7e]{1,255}$/, 'must be a client id: 1-255 visible characters, no spaces')
      .optional(),
    DOSSIER_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** The claim of the ID token that holds the office roles, a string or a list; a dotted path reaches into objects. */
    DOSSIER_OIDC_ROLE_CLAIM: z
      .string()
      .regex(/^[^\s.]+(\.[^\s.]+)*$/, 'must be a claim name or a dotted path, e.g. realm_access.roles')
      .optional(),
    /** `idp-role=caseworker,idp-admin=operator`; unset, the claim's values `caseworker` and `operator` themselves. */
    DOSSIER_OIDC_ROLE_MAP: roleMap.optional(),
    /** Where the identity provider sends people back; default: DOSSIER_PUBLIC_URL + /login/oidc/callback. */
    DOSSIER_OIDC_REDIRECT_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .refine((url) => new URL(url).pathname.endsWith(OIDC_CALLBACK_PATH), `must end in ${OIDC_CALLBACK_PATH}, where dossier answers`)
      .optional(),
  })
  .superRefine((env, ctx) => {
    const keyIds = env.DOSSIER_ENCRYPTION_KEYS ? [...env.DOSSIER_ENCRYPTION_KEYS.keys()] : [];
    if (env.DOSSIER_ENCRYPTION_KEY_ID && !env.DOSSIER_ENCRYPTION_KEYS) {
      ctx.addIssue({ code: 'custom', path: ['DOSSIER_ENCRYPTION_KEY_ID'], message: 'needs DOSSIER_ENCRYPTION_KEYS with that key' });
    } else if (env.DOSSIER_ENCRYPTION_KEY_ID && !keyIds.includes(env.DOSSIER_ENCRYPTION_KEY_ID)) {
      ctx.addIssue({
        code: 'custom',
        path: ['DOSSIER_ENCRYPTION_KEY_ID'],
        message: `"${env.DOSSIER_ENCRYPTION_KEY_ID}" is not among the ids in DOSSIER_ENCRYPTION_KEYS (${keyIds.join(', ')})`,
      });
    } else if (!env.DOSSIER_ENCRYPTION_KEY_ID && keyIds.length > 1) {
      ctx.addIssue({ code: 'custom', path: ['DOSSIER_ENCRYPTION_KEY_ID'], message: `name the key that encrypts, one of ${keyIds.join(', ')}` });
    }
    if (Boolean(env.DOSSIER_OIDC_ISSUER) !== Boolean(env.DOSSIER_OIDC_CLIENT_ID)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.DOSSIER_OIDC_ISSUER ? 'DOSSIER_OIDC_CLIENT_ID' : 'DOSSIER_OIDC_ISSUER'],
        message: 'OpenID Connect needs both DOSSIER_OIDC_ISSUER and DOSSIER_OIDC_CLIENT_ID',
      });
    } else if (env.DOSSIER_OIDC_ISSUER && !env.DOSSIER_OIDC_REDIRECT_URL && !env.DOSSIER_PUBLIC_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DOSSIER_OIDC_REDIRECT_URL'],
        message: `needed with DOSSIER_OIDC_ISSUER: set it, or DOSSIER_PUBLIC_URL to derive it (PUBLIC_URL${OIDC_CALLBACK_PATH})`,
      });
    }
    if (!env.DOSSIER_OIDC_ISSUER) {
      // All or nothing: a half-configured login would be silently off.
      for (const name of ['DOSSIER_OIDC_CLIENT_SECRET', 'DOSSIER_OIDC_ROLE_CLAIM', 'DOSSIER_OIDC_ROLE_MAP', 'DOSSIER_OIDC_REDIRECT_URL'] as const) {
        if (env[name] !== undefined)
          ctx.addIssue({ code: 'custom', path: [name], message: 'has no effect without DOSSIER_OIDC_ISSUER and DOSSIER_OIDC_CLIENT_ID' });
      }
    }
    if (Boolean(env.TEMPORAL_TLS_CERT_PATH) !== Boolean(env.TEMPORAL_TLS_KEY_PATH)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.TEMPORAL_TLS_CERT_PATH ? 'TEMPORAL_TLS_KEY_PATH' : 'TEMPORAL_TLS_CERT_PATH'],
        message: 'mTLS needs both TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH',
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError listing each bad variable as `NAME: rule`. */
export type Config = Env & {
  outboxDir: string;
  sentDir: string;
  /** The configured keys; undefined means "use the data folder's generated key" (platform/data-converter.ts). */
  encryption?: KeyRing;
  /** Origins of the web UI that may call the codec server; by default the dev server's UI (gRPC port + 1000). */
  codecOrigins: string[];
  /** Login through the identity provider; undefined when DOSSIER_OIDC_ISSUER is not set. */
  oidc?: OidcConfig;
};

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** A claim name, or a dotted path into the ID token's claims. */
  roleClaim: string;
  /** IdP role → office role, in order; null: the claim's values are the office roles themselves. */
  roleMap: Map<string, 'caseworker' | 'operator'> | null;
  redirectUrl: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most shells' `VAR= command`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = issueLines(parsed.error);
    throw new ConfigError(`bad configuration in the environment:\n  ${lines.join('\n  ')}`);
  }
  const data = parsed.data;
  const dataDir = data.DOSSIER_DATA_DIR;
  const keys = data.DOSSIER_ENCRYPTION_KEYS;
  const uiPort = Number(data.TEMPORAL_ADDRESS.split(':')[1]) + 1000;
  return {
    ...data,
    outboxDir: data.DOSSIER_OUTBOX_DIR ?? `${dataDir}/outbox`,
    sentDir: data.DOSSIER_SENT_DIR ?? `${dataDir}/sent`,
    encryption: keys && { keys, currentKeyId: data.DOSSIER_ENCRYPTION_KEY_ID ?? [...keys.keys()][0]! },
    codecOrigins: data.DOSSIER_CODEC_CORS_ORIGINS ?? [`http://127.0.0.1:${uiPort}`, `http://localhost:${uiPort}`],
    oidc: data.DOSSIER_OIDC_ISSUER
      ? {
          issuer: data.DOSSIER_OIDC_ISSUER,
          clientId: data.DOSSIER_OIDC_CLIENT_ID!,
          clientSecret: data.DOSSIER_OIDC_CLIENT_SECRET,
          roleClaim: data.DOSSIER_OIDC_ROLE_CLAIM ?? 'roles',
          roleMap: data.DOSSIER_OIDC_ROLE_MAP ?? null,
          redirectUrl: data.DOSSIER_OIDC_REDIRECT_URL ?? `${data.DOSSIER_PUBLIC_URL!.replace(/\/+$/, '')}${OIDC_CALLBACK_PATH}`,
        }
      : undefined,
  };
}

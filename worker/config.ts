/**
 * The environment, parsed once with zod: a bad value stops start-up with a message that names
 * the variable and the rule.
 */
import { z } from 'zod';
import { DEFAULT_TASK_QUEUE } from '../workflows/definitions';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const EnvSchema = z
  .object({
    TEMPORAL_ADDRESS: z
      .string()
      .regex(/^[^\s:/]+:\d{1,5}$/, 'must be HOST:PORT, e.g. localhost:7233')
      .default('localhost:7233'),
    TEMPORAL_NAMESPACE: z.string().regex(/^[A-Za-z0-9._-]+$/, 'must be a namespace name').default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
    /** TLS to a remote cluster: on with TEMPORAL_TLS=true, or implied by a client certificate or API key. */
    TEMPORAL_TLS: flag.optional(),
    TEMPORAL_TLS_CERT_PATH: z.string().min(1).optional(),
    TEMPORAL_TLS_KEY_PATH: z.string().min(1).optional(),
    TEMPORAL_API_KEY: z.string().min(1).optional(),
    SMTP_URL: z
      .url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example:587' })
      .optional(),
    MAIL_FROM: z.email('must be an e-mail address').default('dossier@localhost'),
    /** The foreign ministry's intake for ambtsbericht requests (the e-mail adapter of activities/ministry.ts). */
    MINISTRY_INTAKE_EMAIL: z.email('must be an e-mail address').default('ministry-intake@localhost'),
    /** Operators are alerted here (besides the structured log) when a case is overdue. */
    OPERATOR_ALERT_EMAIL: z.email('must be an e-mail address').optional(),
    DOSSIER_DATA_DIR: z.string().min(1).default('data'),
    DOSSIER_OUTBOX_DIR: z.string().min(1).optional(),
    /** The sent-ledger; every worker of one deployment must share it. */
    DOSSIER_SENT_DIR: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
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
export type Config = Env & { outboxDir: string; sentDir: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most shells' `VAR= command`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`bad configuration in the environment:\n  ${lines.join('\n  ')}`);
  }
  const dataDir = parsed.data.DOSSIER_DATA_DIR;
  return { ...parsed.data, outboxDir: parsed.data.DOSSIER_OUTBOX_DIR ?? `${dataDir}/outbox`, sentDir: parsed.data.DOSSIER_SENT_DIR ?? `${dataDir}/sent` };
}

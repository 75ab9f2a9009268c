import { z } from 'zod';

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const optionalPath = z
  .string()
  .optional()
  .transform((v) => (v ? v : undefined));

/**
 * Every setting read from the environment. Names are the variable names so a validation error can
 * name the variable the operator has to fix. Empty strings mean "unset".
 */
export const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  DATA_DIR: z.string().default('data'),
  DATABASE_URL: optionalPath,
  SECRET_KEY_FILE: optionalPath,
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  ALLOWED_HOSTS: z.string().optional(),
  TRUST_PROXY: z.string().optional(),
  TLS_CERT_FILE: optionalPath,
  TLS_KEY_FILE: optionalPath,
  MAX_BODY_MB: z.coerce.number().positive().max(4096).default(64),
  // Credential dump and cracked-hash uploads are streamed, so they have their own, larger cap.
  MAX_IMPORT_MB: z.coerce.number().positive().max(1_048_576).default(2048),
  // The largest file attached to an event; checked against Content-Length before reading and while streaming.
  MAX_ATTACHMENT_MB: z.coerce.number().positive().max(1_048_576).default(100),
  // Attachments go to this S3-compatible bucket instead of the database (several instances sharing one):
  // http(s)://ACCESS_KEY:SECRET@host[:port]/bucket[/prefix][?region=REGION]
  ATTACHMENTS_S3_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL naming the bucket' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  // The longest EventStream line an import takes (a line is one JSON object, evidence included).
  EVENTSTREAM_MAX_LINE_MB: z.coerce.number().positive().max(1024).default(16),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Readable lines on a terminal, JSON lines otherwise; `json` forces JSON (log shippers), `pretty` text.
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  WORKER: z.enum(['on', 'off']).default('on'),
  WEBHOOK_ALLOW_PRIVATE: booleanString.default(false),
  // "Open in Navigator" appends `#layerURL=…`, so the address may not carry a fragment of its own.
  NAVIGATOR_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' })
    .refine((v) => !v.includes('#'), 'must not contain a # fragment (the app appends #layerURL=…)')
    .default('https://mitre-attack.github.io/attack-navigator/'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(24),
});

export type EnvInput = z.input<typeof envSchema>;

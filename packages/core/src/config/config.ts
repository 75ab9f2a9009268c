import fs from 'node:fs';
import path from 'node:path';
import { type DatabaseTarget, parseDatabaseUrl } from '@steppingstones/db';
import type { z } from 'zod';
import { envSchema } from './config.schema.ts';
import { PROJECT_ROOT } from './project-root.ts';

export interface AppConfig {
  host: string;
  port: number;
  dataDir: string;
  database: DatabaseTarget;
  secretKeyFile: string;
  publicUrl: string | undefined;
  allowedHosts: string[];
  /** Fastify's trustProxy: false, true, a hop count, or a list of addresses / CIDRs. */
  trustProxy: boolean | number | string[];
  tls: { certFile: string; keyFile: string } | undefined;
  maxBodyBytes: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  worker: boolean;
  webhookAllowPrivate: boolean;
  navigatorUrl: string;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  setupTokenFile: string;
}

/** A configuration error names the environment variable to fix. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`Invalid configuration: ${setting} ${message}`);
    this.name = 'ConfigError';
  }
}

function parseTrustProxy(value: string | undefined): boolean | number | string[] {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Reads and validates the configuration; throws ConfigError naming the first bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const picked: Record<string, string | undefined> = {};
  for (const key of Object.keys(envSchema.shape)) picked[key] = env[key] === '' ? undefined : env[key];
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const setting = String(issue.path[0] ?? 'configuration');
    throw new ConfigError(setting, `${issue.message} (got ${JSON.stringify(picked[setting] ?? '')})`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(PROJECT_ROOT, e.DATA_DIR);
  const database = parseDatabaseUrl(e.DATABASE_URL ?? path.join(dataDir, 'steppingstones.db'), PROJECT_ROOT);

  if (Boolean(e.TLS_CERT_FILE) !== Boolean(e.TLS_KEY_FILE)) {
    throw new ConfigError(
      e.TLS_CERT_FILE ? 'TLS_KEY_FILE' : 'TLS_CERT_FILE',
      'must be set together with the other TLS file',
    );
  }
  for (const [name, file] of [
    ['TLS_CERT_FILE', e.TLS_CERT_FILE],
    ['TLS_KEY_FILE', e.TLS_KEY_FILE],
  ] as const) {
    if (file && !fs.existsSync(path.resolve(PROJECT_ROOT, file)))
      throw new ConfigError(name, `names a file that does not exist: ${file}`);
  }

  const allowedHosts = (e.ALLOWED_HOSTS ?? 'localhost,127.0.0.1,::1')
    .split(',')
    .map((h) =>
      h
        .trim()
        .toLowerCase()
        .replace(/^\[|\]$/g, ''),
    )
    .filter(Boolean);
  if (e.PUBLIC_URL) allowedHosts.push(new URL(e.PUBLIC_URL).hostname.replace(/^\[|\]$/g, '').toLowerCase());

  return {
    host: e.HOST,
    port: e.PORT,
    dataDir,
    database,
    secretKeyFile: path.resolve(PROJECT_ROOT, e.SECRET_KEY_FILE ?? path.join(dataDir, 'secret.key')),
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    allowedHosts: [...new Set(allowedHosts)],
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    tls:
      e.TLS_CERT_FILE && e.TLS_KEY_FILE
        ? {
            certFile: path.resolve(PROJECT_ROOT, e.TLS_CERT_FILE),
            keyFile: path.resolve(PROJECT_ROOT, e.TLS_KEY_FILE),
          }
        : undefined,
    maxBodyBytes: Math.round(e.MAX_BODY_MB * 1024 * 1024),
    logLevel: e.LOG_LEVEL,
    worker: e.WORKER === 'on',
    webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
    navigatorUrl: e.NAVIGATOR_URL,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    setupTokenFile: path.join(dataDir, 'setup-token'),
  };
}

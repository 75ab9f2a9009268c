import path from 'node:path';
import { type DatabaseTarget, parseDatabaseUrl } from '@steppingstones/db';
import type { z } from 'zod';
import { envSchema } from './config.schema.ts';
import { PROJECT_ROOT } from './project-root.ts';
import { checkTlsFiles } from './tls-files.ts';
import { parseTrustProxy } from './trust-proxy.ts';

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
  /** Cap of a streamed credential import body (MAX_IMPORT_MB). */
  maxImportBytes: number;
  eventstreamMaxLineBytes: number;
  /** Cap of one attachment (MAX_ATTACHMENT_MB). */
  maxAttachmentBytes: number;
  /** The S3-compatible bucket attachments go to (ATTACHMENTS_S3_URL); unset: the database. */
  attachmentsS3Url: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  logFormat: z.infer<typeof envSchema>['LOG_FORMAT'];
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
  let database: DatabaseTarget;
  try {
    database = parseDatabaseUrl(e.DATABASE_URL ?? path.join(dataDir, 'steppingstones.db'), PROJECT_ROOT);
  } catch (error) {
    throw new ConfigError('DATABASE_URL', (error as Error).message);
  }

  if (Boolean(e.TLS_CERT_FILE) !== Boolean(e.TLS_KEY_FILE)) {
    throw new ConfigError(
      e.TLS_CERT_FILE ? 'TLS_KEY_FILE' : 'TLS_CERT_FILE',
      'must be set together with the other TLS file',
    );
  }
  const tls =
    e.TLS_CERT_FILE && e.TLS_KEY_FILE
      ? {
          certFile: path.resolve(PROJECT_ROOT, e.TLS_CERT_FILE),
          keyFile: path.resolve(PROJECT_ROOT, e.TLS_KEY_FILE),
        }
      : undefined;
  const tlsProblem = tls && checkTlsFiles(tls.certFile, tls.keyFile);
  if (tlsProblem) throw new ConfigError(tlsProblem.setting, tlsProblem.message);
  const trustProxy = parseTrustProxy(e.TRUST_PROXY);
  if ('problem' in trustProxy) throw new ConfigError('TRUST_PROXY', trustProxy.problem);

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
  // An empty list would refuse every request, the server's own address included.
  if (!allowedHosts.length)
    throw new ConfigError('ALLOWED_HOSTS', 'names no host; list at least one (e.g. localhost) or unset it');

  return {
    host: e.HOST,
    port: e.PORT,
    dataDir,
    database,
    secretKeyFile: path.resolve(PROJECT_ROOT, e.SECRET_KEY_FILE ?? path.join(dataDir, 'secret.key')),
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    allowedHosts: [...new Set(allowedHosts)],
    trustProxy: trustProxy.value,
    tls,
    maxBodyBytes: Math.round(e.MAX_BODY_MB * 1024 * 1024),
    maxImportBytes: Math.round(e.MAX_IMPORT_MB * 1024 * 1024),
    eventstreamMaxLineBytes: Math.round(e.EVENTSTREAM_MAX_LINE_MB * 1024 * 1024),
    maxAttachmentBytes: Math.round(e.MAX_ATTACHMENT_MB * 1024 * 1024),
    attachmentsS3Url: e.ATTACHMENTS_S3_URL,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    worker: e.WORKER === 'on',
    webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
    navigatorUrl: e.NAVIGATOR_URL,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    setupTokenFile: path.join(dataDir, 'setup-token'),
  };
}

import path from 'node:path';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseTarget {
  dialect: DialectName;
  /** The SQLite file path, or the PostgreSQL connection string. */
  location: string;
}

/**
 * Classifies a DATABASE_URL: `postgres://` / `postgresql://` select PostgreSQL, a path (or `sqlite:` URL) a
 * SQLite file. Any other URL is refused: it would otherwise become a SQLite file named after it
 * (e.g. ./mysql:/host/db).
 */
export function parseDatabaseUrl(url: string, baseDir: string): DatabaseTarget {
  if (/^postgres(ql)?:\/\//i.test(url)) return { dialect: 'postgres', location: url };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme && scheme !== 'sqlite')
    throw new Error(`must be a SQLite file path or a postgres:// URL (got a ${scheme}:// URL)`);
  const file = url.replace(/^sqlite:(\/\/)?/i, '');
  return { dialect: 'sqlite', location: path.resolve(baseDir, file) };
}

/** The URL without its password, safe to print and log. */
export function redactDatabaseUrl(target: DatabaseTarget): string {
  if (target.dialect === 'sqlite') return target.location;
  try {
    const u = new URL(target.location);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable)';
  }
}

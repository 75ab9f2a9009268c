import pg from 'pg';

/**
 * Runs one statement on its own short-lived PostgreSQL connection, outside any transaction and pool:
 * for `create database`, `drop database` and catalogue look-ups by tests and benchmarks.
 */
export async function postgresAdminQuery<R extends Record<string, unknown> = Record<string, unknown>>(
  url: string,
  statement: string,
  params: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return (await client.query(statement, params)).rows as R[];
  } finally {
    await client.end();
  }
}

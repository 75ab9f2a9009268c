import { testDialects } from '@steppingstones/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../testing/api-client.ts';
import {
  createTestEngagement,
  createTestUser,
  login,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';

const HEADER = 'Timestamp (UTC),Description,Source Host,Target Host';
/** Row i (1-based): line i + 1 of the file. */
const row = (i: number, description = `step ${i}`) =>
  `2026-03-01T${String(Math.floor(i / 3600) % 24).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z,${description},WS01,DC01`;
const csvOf = (rows: number, change: (i: number) => string | undefined = () => undefined) =>
  [HEADER, ...Array.from({ length: rows }, (_, k) => row(k + 1, change(k + 1)))].join('\r\n');

interface Report {
  added: number;
  skipped: Array<{ line: number; reason: string }>;
  rejected: Array<{ line: number; reason: string }>;
}
interface ErrorBody {
  error: string;
  message: string;
  fields?: Array<{ field: string; message: string }>;
  details?: Report & { not_written_from_line: number };
}

describe.each(testDialects())('CSV import integrity on %s', { timeout: 240_000 }, (dialect) => {
  let server: TestServer;
  let admin: ApiClient;
  let engagementNo = 0;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createTestUser(server.ctx, { username: 'admin', superuser: true });
    admin = await login(server.url, 'admin');
  });
  afterAll(() => server.stop());

  /** A fresh engagement per test, so counts are the test's own. */
  const fresh = async () => {
    const code = `IMP${++engagementNo}`;
    await createTestEngagement(server.ctx, code);
    return code;
  };
  const importCsv = async <T = Report & ErrorBody>(engagement: string, body: string | Buffer) => {
    const res = await fetch(`${server.url}/api/v1/events/import/?engagement=${engagement}`, {
      method: 'POST',
      body: typeof body === 'string' ? body : new Uint8Array(body),
      headers: {
        'content-type': 'text/csv',
        cookie: admin.cookie,
        'x-csrf-token': admin.csrfToken,
        origin: server.url,
      },
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const count = async (engagement: string) => {
    const r = await server.ctx.database.db
      .selectFrom('event')
      .innerJoin('engagement', 'engagement.id', 'event.engagement_id')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('engagement.code', '=', engagement)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  };

  it('rejects the one row holding a NUL in a 1,200-row file (three batches) and imports every other row', async () => {
    const code = await fresh();
    const res = await importCsv<Report>(
      code,
      csvOf(1200, (i) => (i === 1000 ? 'nul \u0000 here' : undefined)),
    );
    expect(res.status).toBe(200);
    expect(res.body.added).toBe(1199);
    expect(res.body.rejected).toEqual([
      { line: 1001, reason: expect.stringMatching(/^Description: holds a control character/) },
    ]);
    expect(await count(code)).toBe(1199);
  });

  it('on a database error mid-file says what was written and what not, each transaction whole', async () => {
    const code = await fresh();
    const db = server.ctx.database.db;
    if (dialect === 'sqlite')
      await sql`create trigger refuse_boom before insert on event when new.description = 'boom'
        begin select raise(abort, 'refused by the test trigger'); end`.execute(db);
    else {
      await sql`create function refuse_boom() returns trigger language plpgsql as $$
        begin if new.description = 'boom' then raise exception 'refused by the test trigger'; end if; return new; end $$`.execute(
        db,
      );
      await sql`create trigger refuse_boom before insert on event for each row execute function refuse_boom()`.execute(
        db,
      );
    }
    try {
      const res = await importCsv<ErrorBody>(
        code,
        csvOf(1200, (i) => (i === 900 ? 'boom' : undefined)),
      );
      expect(res.status).toBe(500);
      expect(res.body.error).toBe('import_stopped');
      const details = res.body.details!;
      const written = await count(code);
      // Exactly the lines before not_written_from_line are in, none after it.
      expect(details.added).toBe(written);
      expect(details.not_written_from_line - 2).toBe(written);
      expect(details.not_written_from_line).toBeGreaterThan(501);
      expect(details.not_written_from_line).toBeLessThanOrEqual(901);
      expect(res.body.message).toContain(
        `line ${details.not_written_from_line} and the lines after it were not imported`,
      );
      expect(res.body.message).not.toMatch(/refused by the test trigger|sqlite|postgres/i);
    } finally {
      await sql`drop trigger refuse_boom ${sql.raw(dialect === 'sqlite' ? '' : 'on event')}`.execute(db);
    }
  });

  it('refuses a quote inside an unquoted cell with a 400 naming the line, writing nothing', async () => {
    const code = await fresh();
    const res = await importCsv<ErrorBody>(
      code,
      csvOf(5, (i) => (i === 3 ? 'say "hi" to the DC' : undefined)),
    );
    expect(res.status).toBe(400);
    expect(res.body.fields?.[0]?.field).toBe('line 4');
    expect(res.body.message).toMatch(/malformed/);
    expect(await count(code)).toBe(0);
  });

  it('a malformed line after written batches: 400 saying which lines went in', async () => {
    const code = await fresh();
    const res = await importCsv<ErrorBody>(
      code,
      csvOf(800, (i) => (i === 700 ? 'bad "quote' : undefined)),
    );
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^line 701: the CSV is malformed/);
    // Whether rows before it were written depends on how the body arrived; either way the answer says so.
    const added = res.body.error === 'import_stopped' ? res.body.details!.added : 0;
    if (added) expect(res.body.details!.not_written_from_line).toBe(added + 2);
    expect(await count(code)).toBe(added);
  });

  it('says so when the file has no header row, only a header, nothing, or is not CSV', async () => {
    const code = await fresh();
    const cases: Array<[string | Buffer, RegExp]> = [
      [csvOf(3).split('\r\n').slice(1).join('\r\n'), /no header row/],
      [HEADER, /only a header row/],
      [`${HEADER}\r\n\r\n`, /only a header row/],
      ['', /the file is empty/],
      ['{"events": [{"description": "x"}]}', /not a CSV of events/],
      [Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x08, 0x00, 0xd3, 0xff]), /not valid UTF-8/],
    ];
    for (const [body, message] of cases) {
      const res = await importCsv<ErrorBody>(code, body);
      expect(res.status, String(message)).toBe(400);
      expect(res.body.message).toMatch(message);
    }
    expect(await count(code)).toBe(0);
  });

  it('refuses bytes that are not UTF-8, naming the line, instead of storing U+FFFD', async () => {
    const code = await fresh();
    const text = csvOf(4);
    const at = text.indexOf('step 3');
    const body = Buffer.concat([
      Buffer.from(text.slice(0, at)),
      Buffer.from([0x63, 0x61, 0x66, 0xe9]),
      Buffer.from(text.slice(at)),
    ]);
    const res = await importCsv<ErrorBody>(code, body);
    expect(res.status).toBe(400);
    expect(res.body.fields?.[0]?.field).toBe('line 4');
    expect(await count(code)).toBe(0);
  });

  it('answers an XLSX export of an unknown engagement or a non-member like the CSV one', async () => {
    const code = await fresh();
    const other = await fresh();
    await createTestUser(server.ctx, {
      username: 'outsider',
      groups: ['Red Team Operators'],
      engagements: [other],
    });
    const outsider = await login(server.url, 'outsider');
    for (const engagement of [code, 'NOPE']) {
      const csv = await outsider.get(`/api/v1/events/export/?engagement=${engagement}`);
      const xlsx = await outsider.get(`/api/v1/events/export/?engagement=${engagement}&format=xlsx`);
      expect(csv.status).toBeGreaterThanOrEqual(400);
      expect(csv.status).toBeLessThan(500);
      expect(xlsx.status).toBe(csv.status);
      expect(xlsx.body).toEqual(csv.body);
    }
  });
});

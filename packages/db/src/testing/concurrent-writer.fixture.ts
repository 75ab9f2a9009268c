// Test fixture process: increments a counter in app_state `rounds` times, each as read-then-write in
// one transaction (the pattern that deadlocks under a plain BEGIN). Used by sqlite-immediate.test.ts.
import { createDb } from '../create-db.ts';
import { parseDatabaseUrl } from '../database-url.ts';
import { writeTransaction } from '../transaction.ts';

const [file, key, rounds] = process.argv.slice(2) as [string, string, string];
const database = createDb({ target: parseDatabaseUrl(file, process.cwd()), busyTimeoutMs: 20_000 });
for (let i = 0; i < Number(rounds); i++) {
  await writeTransaction(database.db, async (tx) => {
    const row = await tx
      .selectFrom('app_state')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('app_state')
      .set({ value: String(Number(row.value) + 1), updated_at: Date.now() })
      .where('key', '=', key)
      .execute();
  });
}
await database.close();

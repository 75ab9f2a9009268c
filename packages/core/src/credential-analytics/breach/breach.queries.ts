import { type DB, writeTransaction } from '@steppingstones/db';
import type { BreachCheckQueries } from '@steppingstones/plugin-sdk';
import { type Kysely, sql } from 'kysely';

const NTLM = 1000;
const HEX32 = /^[0-9a-f]{32}$/;

/** Unchecked NTLM hashes of engagements whose leads allow breach checks. */
function pending(db: Kysely<DB>) {
  return db
    .selectFrom('credential')
    .where('credential.type_key', '=', NTLM)
    .where('credential.hibp_count', 'is', null)
    .where('credential.engagement_id', 'in', (eb) =>
      eb.selectFrom('engagement').select('engagement.id').where('engagement.breach_checks', '=', 1),
    );
}

/** The breach-check queries of a background task's context (the task never sees the database). */
export function breachCheckQueries(db: Kysely<DB>): BreachCheckQueries {
  return {
    async pendingPrefixes(options = {}) {
      const rows = await pending(db)
        .select(sql<string>`substr(credential.hash_key, 1, 5)`.as('prefix'))
        .distinct()
        .orderBy('prefix')
        .limit(Math.max(1, Math.min(options.limit ?? 1000, 100_000)))
        .execute();
      return rows.map((r) => r.prefix.toUpperCase()).filter((p) => /^[0-9A-F]{5}$/.test(p));
    },
    async pendingHashes(prefix) {
      const p = prefix.toLowerCase();
      if (!/^[0-9a-f]{5}$/.test(p)) throw new Error(`"${prefix}" is not a 5-hex prefix.`);
      const rows = await pending(db)
        .select('credential.hash_key')
        .distinct()
        .where('credential.hash_key', '>=', p)
        .where('credential.hash_key', '<', `${p}g`)
        .orderBy('credential.hash_key')
        .execute();
      return rows
        .map((r) => r.hash_key)
        .filter((h) => HEX32.test(h))
        .map((h) => h.toUpperCase());
    },
    async record(counts) {
      const entries = Object.entries(counts)
        .map(([hash, count]) => [hash.toLowerCase(), Math.max(0, Math.floor(count))] as const)
        .filter(([hash]) => HEX32.test(hash));
      if (!entries.length) return 0;
      return writeTransaction(db, async (tx) => {
        let updated = 0;
        for (const [hash, count] of entries) {
          const res = await tx
            .updateTable('credential')
            .set({ hibp_count: count })
            .where('type_key', '=', NTLM)
            .where('hash_key', '=', hash)
            .where('hibp_count', 'is', null)
            .where('engagement_id', 'in', (eb) =>
              eb.selectFrom('engagement').select('engagement.id').where('engagement.breach_checks', '=', 1),
            )
            .executeTakeFirst();
          updated += Number(res.numUpdatedRows);
        }
        return updated;
      });
    },
    async pendingCount() {
      const row = await pending(db)
        .select((eb) => eb.fn.count<number>(sql`distinct credential.hash_key`).as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

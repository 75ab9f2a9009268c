import crypto from 'node:crypto';
import { createLogger, type ServiceContext, secretKeys, systemClock } from '@steppingstones/core';
import { type Principal, systemPrincipal } from '@steppingstones/core/permissions';
import type { Database } from '@steppingstones/db';

/**
 * A service context for a benchmark's own set-up and measured calls: real time (a benchmark measures
 * it), a throw-away key (nothing it writes is verified later) and no logging.
 */
export function benchServices(
  database: Pick<Database, 'db'>,
  principal: Principal = systemPrincipal('bench'),
): ServiceContext {
  return {
    db: database.db,
    principal,
    clock: systemClock,
    keys: secretKeys(crypto.randomBytes(32)),
    logger: createLogger({ logLevel: 'silent' }, 'bench'),
  };
}

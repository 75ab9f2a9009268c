// The core's shared surface. Each domain has its own entry: `@steppingstones/core/<domain>`.
export * from './app-context.ts';
export { type FixedClock, fixedClock, systemClock } from './clock.ts';
export * from './config/index.ts';
export * from './errors.ts';
export { type KeyPurpose, loadOrCreateSecretKey, type SecretKeys, secretKeys } from './secrets/secret-key.ts';
export {
  type ClockedHandle,
  historyKeyOf,
  inTransaction,
  type ServiceContext,
  serviceContext,
} from './service-context.ts';
export { parseOrThrow } from './zod-errors.ts';

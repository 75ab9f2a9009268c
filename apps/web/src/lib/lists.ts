/**
 * Kept only for the users admin pages, which are being rewritten; new code imports from
 * `@steppingstones/shared` (types) and `./paging.ts` (helpers). Delete once nothing imports it.
 */
export type { ListEnvelope } from '@steppingstones/shared';
export { fetchAllPages, relativeApiPath } from './paging.ts';

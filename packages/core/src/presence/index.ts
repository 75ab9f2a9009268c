export { listEditing, PRESENCE_TTL_MS } from './presence.queries.ts';
export { markEditing, stopEditing } from './presence.service.ts';

export { listEditing, PRESENCE_TTL_MS } from './presence.queries.ts';
export { markEditing, PRESENCE_CHANGED, stopEditing } from './presence.service.ts';

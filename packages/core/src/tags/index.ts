export { listTags, tagsOfEvents } from './tag.queries.ts';
export { ensureTags, normaliseTagNames, setEventTags } from './tag.service.ts';

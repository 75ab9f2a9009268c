export { type DomainEvent, latestDomainEventId, readDomainEventsAfter } from './outbox.queries.ts';
export { appendDomainEvent, type DomainEventInput, OUTBOX_CHANNEL } from './outbox.service.ts';

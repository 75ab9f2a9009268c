export { type DomainEvent, latestDomainEventId, readDomainEventsAfter } from './outbox.queries.ts';
export { appendDomainEvent, type DomainEventInput } from './outbox.service.ts';

export { type SeedEventsOptions, seedEvents } from './seed-events.ts';

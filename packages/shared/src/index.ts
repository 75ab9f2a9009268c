export * from './dates.ts';
export * from './engagement.ts';
export * from './pagination.ts';

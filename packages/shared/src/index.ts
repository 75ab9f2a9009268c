export * from './dates.ts';
export * from './engagement.ts';
export * from './identity.ts';
export * from './jobs.ts';
export * from './pagination.ts';
export * from './passwords.ts';
export * from './plugins.ts';
export * from './webhooks.ts';

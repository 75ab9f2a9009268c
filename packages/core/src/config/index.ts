export * from './config.ts';
export { PROJECT_ROOT } from './project-root.ts';

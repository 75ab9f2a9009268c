import { fileURLToPath } from 'node:url';

/** The repository root (where package.json and steppingstones.plugins.json live). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

// Worker-thread bootstrap. The sources are TypeScript run through tsx; a thread starts with a fresh
// module loader, so it registers tsx itself before loading the real entry.
import { register } from 'tsx/esm/api';

register();
await import('./task-thread-main.ts');

// A C2 source for the host's tests: says where its parser ran, and never returns on a log that reads
// `loop` (the plugin thread's deadline must end it, not the server).
import { isMainThread } from 'node:worker_threads';
import { c2Source, definePlugin } from '@steppingstones/plugin-sdk';

export default definePlugin({
  id: 'c2-thread-probe',
  name: 'C2 thread probe',
  version: '1.0.0',
  description: 'Test fixture: reports whether parseFile runs in a plugin thread.',
  c2Sources: [
    c2Source({
      key: 'thread-probe',
      title: 'Thread probe',
      framework: 'probe',
      description: 'Test fixture.',
      accepts: { extensions: ['.log'] },
      files: '*.log',
      timeoutMs: 1000,
      wants: (path) => path.endsWith('.log'),
      parseFile: (_ctx, file) => {
        // The endless parse the deadline must stop.
        if (file.text === 'loop') for (;;) {}
        return {
          records: [],
          rejected: [
            {
              entry: file.path,
              reason: isMainThread ? 'parsed on the event loop' : 'parsed in a plugin thread',
            },
          ],
        };
      },
    }),
  ],
});

// Breached-password checks as a background task. A plugin imports only @steppingstones/plugin-sdk
// (and Node's built-ins); see docs/plugins.md and docs/password-cracking.md.
import { backgroundTask, definePlugin, z } from '@steppingstones/plugin-sdk';
import { checkBreachedPasswords } from './check.ts';

export const checkTask = backgroundTask({
  key: 'check-breached-passwords',
  title: 'Breached-password checks',
  description:
    'Looks NTLM hashes up in breach data (range API or local corpus) for engagements whose leads allow it.',
  payloadSchema: z.object({ limit: z.number().int().min(1).max(100_000).default(5000) }),
  timeoutMs: 170_000,
  schedule: { delaySeconds: 120, repeatSeconds: 180 },
  async run(ctx, payload) {
    await checkBreachedPasswords(ctx, { env: process.env, limit: payload.limit });
  },
});

export default definePlugin({
  id: 'breach-checks',
  name: 'Breached-password checks',
  version: '1.0.0',
  description:
    'Counts how often each NTLM hash appears in breach data; off until a lead allows it per engagement.',
  backgroundTasks: [checkTask],
});

// A plugin for the host's tests whose definition is invalid (bad id, unknown permission, no default).
import { definePlugin, z } from '@steppingstones/plugin-sdk';

export default definePlugin({
  id: 'test-invalid',
  name: 'Invalid',
  version: '0.0.1',
  eventReports: [
    {
      key: 'bad',
      title: 'Bad',
      requires: ['report.fly'],
      output: 'html',
      paramsSchema: z.object({ mandatory: z.string() }),
      render: () => ({ kind: 'html', body: 'x' }),
    },
  ],
});

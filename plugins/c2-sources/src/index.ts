// The shipped C2 sources. A plugin imports only @steppingstones/plugin-sdk; see docs/plugins.md and
// docs/c2.md.
import { definePlugin } from '@steppingstones/plugin-sdk';
import { cobaltStrikeLogs } from './cobalt-strike-logs.ts';

export default definePlugin({
  id: 'c2-sources',
  name: 'C2 sources',
  version: '1.0.0',
  description:
    'Turns C2 frameworks’ logs (Cobalt Strike first) into sessions, operator actions and downloads.',
  c2Sources: [cobaltStrikeLogs],
});

// The shipped EventStream sources. A plugin imports only @steppingstones/plugin-sdk; see docs/plugins.md
// and docs/eventstream.md.
import { definePlugin } from '@steppingstones/plugin-sdk';
import { bashHistory } from './bash-history.ts';
import { outflankC2 } from './outflank-c2.ts';
import { powershellTranscript } from './powershell-transcript.ts';

export default definePlugin({
  id: 'eventstream-sources',
  name: 'EventStream sources',
  version: '1.0.0',
  description:
    'Turns PowerShell transcripts, Outflank C2 implant logs and shell histories into EventStream lines.',
  eventstreamSources: [powershellTranscript, outflankC2, bashHistory],
});

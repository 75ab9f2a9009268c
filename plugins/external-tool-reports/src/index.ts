// The shipped exports for other tools (reference §2.10–2.11): ATT&CK Navigator, Ghostwriter and Office
// Timeline. A plugin imports only @steppingstones/plugin-sdk (and ordinary npm libraries).
import { definePlugin } from '@steppingstones/plugin-sdk';
import { ghostwriterOplogCsv } from './ghostwriter-oplog.ts';
import { mitreAttackNavigator } from './navigator-layer.ts';
import { officeTimelineExport } from './office-timeline.ts';

export default definePlugin({
  id: 'external-tool-reports',
  name: 'External tool exports',
  version: '1.0.0',
  description: 'ATT&CK Navigator layers, Ghostwriter operation-log CSV and Office Timeline spreadsheets.',
  eventReports: [mitreAttackNavigator, ghostwriterOplogCsv, officeTimelineExport],
});

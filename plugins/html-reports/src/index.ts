// The shipped HTML reports (reference §2.1–2.2). A plugin imports only @steppingstones/plugin-sdk;
// see docs/plugins.md.
import { definePlugin } from '@steppingstones/plugin-sdk';
import { htmlDectionSummaryAlias, htmlDetectionSummary } from './detection-summary.ts';
import { htmlEventLogs } from './event-logs.ts';

export default definePlugin({
  id: 'html-reports',
  name: 'HTML reports',
  version: '1.0.0',
  description: 'Event logs and the detection summary as HTML tables that paste into Word with their colours.',
  eventReports: [htmlEventLogs, htmlDetectionSummary, htmlDectionSummaryAlias],
});

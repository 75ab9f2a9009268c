// The shipped Markdown reports (reference §2.3–2.5). A plugin imports only @steppingstones/plugin-sdk
// (and ordinary npm libraries); see docs/plugins.md.
import { definePlugin } from '@steppingstones/plugin-sdk';
import { markdownDetectionAdvice } from './detection-advice.ts';
import { markdownEventLogs } from './event-logs.ts';
import { markdownIocReport } from './ioc-report.ts';

export default definePlugin({
  id: 'markdown-reports',
  name: 'Markdown reports',
  version: '1.0.0',
  description: 'Event logs, indicators of compromise and detection advice as Markdown for report templates.',
  eventReports: [markdownEventLogs, markdownIocReport, markdownDetectionAdvice],
});

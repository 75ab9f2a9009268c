// The shipped charts (reference §2.6–2.9), as ECharts options the host renders to SVG or PNG.
// A plugin imports only @steppingstones/plugin-sdk; see docs/plugins.md.
import { definePlugin } from '@steppingstones/plugin-sdk';
import { dailyDetectionsAndPreventions } from './daily-outcomes.ts';
import { mitreEventTimeline } from './event-timeline.ts';
import { mitreActivityHeatMap, mitreDetectionPreventionHeatMap } from './heat-maps.ts';

export default definePlugin({
  id: 'graphical-reports',
  name: 'Charts',
  version: '1.0.0',
  description: 'ATT&CK timeline, daily outcomes and heat maps as charts (SVG / PNG) for report pages.',
  eventReports: [
    mitreEventTimeline,
    dailyDetectionsAndPreventions,
    mitreActivityHeatMap,
    mitreDetectionPreventionHeatMap,
  ],
});

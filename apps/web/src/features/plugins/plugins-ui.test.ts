import { describe, expect, it } from 'vitest';
import { filenameFrom } from './clipboard.ts';
import { groupByCategory, type MenuItem, reportUrl } from './plugins-api.ts';

const item = (category: string, title: string): MenuItem => ({
  type: 'event-report',
  plugin: 'p',
  key: title.toLowerCase(),
  title,
  category,
  icon: 'table',
  description: '',
  output: 'html',
  params: {},
});

describe('the Reporting menu helpers', () => {
  it('groups the server-sorted items under one header per category', () => {
    const groups = groupByCategory([item('HTML', 'A'), item('HTML', 'B'), item('Images', 'C')]);
    expect(groups.map((g) => [g.category, g.items.map((i) => i.title)])).toEqual([
      ['HTML', ['A', 'B']],
      ['Images', ['C']],
    ]);
  });

  it("builds the report URL from the grid's filter, replacing any engagement in it", () => {
    expect(
      reportUrl(
        'event-report',
        'html-reports',
        'event-logs',
        'ACME',
        'engagement=OLD&tag=a%20b&starred=true',
      ),
    ).toBe('/api/v1/reports/html-reports/event-logs/?tag=a+b&starred=true&engagement=ACME');
  });

  it('reads the download name from Content-Disposition, preferring the UTF-8 form', () => {
    expect(
      filenameFrom(`attachment; filename="export _n_.csv"; filename*=UTF-8''export%20%C3%BCn%C3%AF.csv`, 'x'),
    ).toBe('export ünï.csv');
    expect(filenameFrom('inline; filename="a.md"', 'x')).toBe('a.md');
    expect(filenameFrom(null, 'report')).toBe('report');
  });
});

describe('report parameter labels', () => {
  it('reads as words when the plugin gave no title, and keeps a title it gave', async () => {
    const { parameterLabel } = await import('./ReportParams.tsx');
    expect(parameterLabel('includeEvidence')).toBe('Include evidence');
    expect(parameterLabel('eventTitles')).toBe('Event titles');
    expect(parameterLabel('max_rows')).toBe('Max rows');
    expect(parameterLabel('includeEvidence', 'Raw evidence')).toBe('Raw evidence');
  });
});

describe('report previews', () => {
  it('shows the first lines of an HTML report as text, rows on their own lines, entities read', async () => {
    const { reportExcerpt } = await import('./ReportCard.tsx');
    const html =
      '<html><head><title>ACME-event-logs</title><style>td{color:red}</style></head><body><table><tr><th>Date</th><th>Detail</th></tr>' +
      '<tr><td style="x">2026-11-03</td><td>Kerberoasted svc_sql &lt;b&gt;not bold&lt;/b&gt; &amp; more</td></tr></table>';
    expect(reportExcerpt(html, 'text/html; charset=utf-8')).toBe(
      'Date Detail\n2026-11-03 Kerberoasted svc_sql <b>not bold</b> & more',
    );
    const markdown = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\n\n');
    expect(reportExcerpt(markdown, 'text/markdown').split('\n')).toHaveLength(8);
  });
});

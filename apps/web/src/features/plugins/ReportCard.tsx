import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useIntersection } from '@mantine/hooks';
import { Link } from 'react-router';
import { PluginIcon } from './plugin-icons.tsx';
import { type MenuItem, type ReportPointType, reportUrl } from './plugins-api.ts';
import styles from './reports.module.css';
import { useReport } from './use-report.ts';

const OUTPUT_LABELS: Record<string, string> = {
  markdown: 'Markdown',
  html: 'HTML',
  chart: 'Chart',
  json: 'JSON file',
  file: 'File',
};

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The text of a report's HTML, line per row or block. Not through DOMParser: a parsed document takes the
 * page's CSP, and every style attribute of the report would be logged as a violation.
 */
function htmlText(html: string): string {
  return html
    .replace(/<(head|title|style|script)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<\/(tr|p|div|li|h\d|table)>|<br\s*\/?>/gi, '\n')
    .replace(/<\/t[dh]>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (entity, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X'))
        return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
      return ENTITIES[name.toLowerCase()] ?? entity;
    });
}

/** The first lines a reader sees of a text report (HTML without its tags). */
export function reportExcerpt(text: string, contentType: string): string {
  const plain = contentType.startsWith('text/html') ? htmlText(text) : text;
  return plain
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .slice(0, 8)
    .join('\n');
}

/**
 * A small preview of the report on the engagement's events, made only when the card scrolls into view:
 * a chart as its SVG, a text report as its first lines, a file as what it downloads.
 */
function ReportPreview({ item, url, visible }: { item: MenuItem; url: string; visible: boolean }) {
  const textual = item.output === 'markdown' || item.output === 'html';
  const report = useReport(visible && textual ? url : null);
  if (item.output === 'chart') {
    return visible ? (
      <img
        className={styles.previewImage}
        src={`${url}&format=svg`}
        alt={`Preview of ${item.title}`}
        loading="lazy"
      />
    ) : null;
  }
  if (!textual)
    return (
      <Text size="xs" c="dimmed">
        Opens as a download.
      </Text>
    );
  if (report.isError)
    return (
      <Text size="xs" c="red">
        {report.error.message}
      </Text>
    );
  if (!report.data?.text)
    return (
      <Text size="xs" c="dimmed">
        {visible ? 'Rendering…' : ''}
      </Text>
    );
  const lines = reportExcerpt(report.data.text, report.data.contentType);
  return (
    <pre className={styles.previewText} data-testid="report-preview">
      {lines || 'Empty for these events.'}
    </pre>
  );
}

/** One report of the gallery: what it is, what it looks like on this engagement, and a link to open it. */
export function ReportCard({
  item,
  type,
  engagement,
}: {
  item: MenuItem;
  type: ReportPointType;
  engagement: string;
}) {
  const { ref, entry } = useIntersection({ rootMargin: '200px' });
  const visible = Boolean(entry?.isIntersecting);
  const base = type === 'credential-report' ? '/credential-reports' : '/reports';
  const to = `${base}/${item.plugin}/${item.key}?${new URLSearchParams({ engagement })}`;
  return (
    <Card ref={ref} withBorder padding="md" radius="md" data-testid="report-card">
      <Stack gap="xs">
        <Group gap="xs" wrap="nowrap" justify="space-between">
          <Group gap="xs" wrap="nowrap">
            <PluginIcon name={item.icon} />
            <Anchor component={Link} to={to} fw={600}>
              {item.title}
            </Anchor>
          </Group>
          {item.output && (
            <Badge variant="light" size="sm" className={styles.kind}>
              {OUTPUT_LABELS[item.output] ?? item.output}
            </Badge>
          )}
        </Group>
        {item.description && (
          <Text size="sm" c="dimmed">
            {item.description}
          </Text>
        )}
        <div className={styles.preview}>
          <ReportPreview
            item={item}
            // A preview render: the first events only, kept by the server until the data changes.
            url={reportUrl(type, item.plugin, item.key, engagement, '', { preview: '1' })}
            visible={visible}
          />
        </div>
      </Stack>
    </Card>
  );
}

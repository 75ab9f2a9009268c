import { Alert, Anchor, Button, Code, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { LoadingState } from '../../components/QueryState.tsx';
import { errorMessage } from '../../lib/api-error.ts';
import { parseChartBody } from './chart-option.ts';
import { copyRichText, copyText, downloadBlob } from './clipboard.ts';
import { InteractiveChart } from './InteractiveChart.tsx';
import { OpenInNavigator } from './OpenInNavigator.tsx';
import { type ReportPointType, reportUrl, usePluginPoints } from './plugins-api.ts';
import { ReportFilter } from './ReportFilter.tsx';
import { ReportParams } from './ReportParams.tsx';
import styles from './reports.module.css';
import { useFittedFrame } from './use-fitted-frame.ts';
import { useReport } from './use-report.ts';

/**
 * One report, rendered by the server for the engagement and filter in the URL. HTML shows in a
 * sandboxed frame loaded from the report's own URL (served with a sandboxing CSP); Copy puts the
 * fetched HTML on the clipboard as rich text. A chart is drawn in the page from its ECharts option
 * (`format=echarts`), with its SVG and PNG (made by the server, for documents) as downloads. A failing
 * report shows its own error message.
 */
export function ReportViewerPage({ type = 'event-report' }: { type?: ReportPointType }) {
  const { plugin = '', key = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const engagement = search.get('engagement') ?? '';
  const points = usePluginPoints(type);
  const item = points.data?.find((p) => p.plugin === plugin && p.key === key);
  const query = useMemo(() => {
    const q = new URLSearchParams(search);
    q.delete('engagement');
    return q.toString();
  }, [search]);
  const isChart = item?.output === 'chart';
  const url =
    item && engagement
      ? reportUrl(type, plugin, key, engagement, query, isChart ? { format: 'echarts' } : {})
      : null;
  const report = useReport(url);
  const fitFrame = useFittedFrame();
  const chartUrl = (format: 'svg' | 'png') => reportUrl(type, plugin, key, engagement, query, { format });
  const chart = useMemo(() => {
    if (!isChart || report.data?.text == null) return null;
    try {
      return { body: parseChartBody(report.data.text), error: null };
    } catch (error) {
      return { body: null, error: errorMessage(error) };
    }
  }, [isChart, report.data]);
  // The chart's download names follow the server's (`NAME.echarts.json` → `NAME.svg`, `NAME.png`).
  const chartName = report.data?.filename.replace(/\.echarts\.json$/, '') ?? key;

  const notify = (promise: Promise<void>, what: string) =>
    promise.then(
      () => notifications.show({ color: 'green', message: `${what} copied to the clipboard.` }),
      (error: unknown) =>
        notifications.show({ color: 'red', title: 'Copy failed', message: errorMessage(error) }),
    );

  if (points.isLoading) return <LoadingState />;
  if (!item)
    return (
      <Alert color="yellow" title="This report is not available" maw={640}>
        The report {plugin}/{key} does not exist, is disabled, or needs a permission you do not have.{' '}
        <Anchor component={Link} to="/reports">
          Back to reports
        </Anchor>
      </Alert>
    );
  if (!engagement)
    return (
      <Alert color="yellow" title="No engagement" maw={640}>
        Open reports from the Reporting menu of an engagement's event log.
      </Alert>
    );

  const data = report.data;
  const kind = data?.contentType.split(';')[0] ?? '';
  const actions = data && (
    <>
      {kind === 'text/html' && data.text !== null && (
        <Button variant="default" onClick={() => notify(copyRichText(data.text!), 'The report')}>
          Copy
        </Button>
      )}
      {kind === 'text/markdown' && data.text !== null && (
        <Button variant="default" onClick={() => notify(copyText(data.text!), 'The Markdown')}>
          Copy
        </Button>
      )}
      {isChart ? (
        <>
          <Button component="a" href={chartUrl('svg')} download={`${chartName}.svg`}>
            Download SVG
          </Button>
          <Button variant="default" component="a" href={chartUrl('png')} download={`${chartName}.png`}>
            Download PNG
          </Button>
        </>
      ) : (
        <Button onClick={() => downloadBlob(data.blob, data.filename)}>
          {kind === 'text/markdown' ? 'Download .md' : 'Download'}
        </Button>
      )}
    </>
  );

  return (
    <Stack gap="md">
      <PageHeader
        title={item.title}
        description={
          <>
            {item.category} · engagement {engagement}. Times in reports are UTC.
          </>
        }
        actions={actions}
      />
      <ReportFilter
        values={search}
        ownParams={Object.keys((item.params.properties ?? {}) as Record<string, unknown>)}
        noun={type === 'credential-report' ? 'credentials' : 'events'}
        onChange={(next) => setSearch(next)}
      />
      <ReportParams
        schema={item.params}
        values={search}
        onChange={(name, value) => {
          const next = new URLSearchParams(search);
          if (value === null) next.delete(name);
          else next.set(name, value);
          setSearch(next);
        }}
      />
      {type === 'event-report' && item.opens_in === 'attack-navigator' && (
        <OpenInNavigator plugin={plugin} reportKey={key} engagement={engagement} query={query} />
      )}
      {report.isLoading && <LoadingState label="Rendering the report…" />}
      {report.isError && (
        <Alert
          color="red"
          title={`The report "${item.title}" failed`}
          role="alert"
          data-testid="report-error"
        >
          {errorMessage(report.error)}
        </Alert>
      )}
      {data && kind === 'text/html' && url && (
        <iframe
          className={styles.frame}
          sandbox="allow-same-origin"
          src={url}
          title={item.title}
          data-testid="report-frame"
          onLoad={fitFrame}
        />
      )}
      {data && kind === 'text/markdown' && (
        <Code block className={styles.text} data-testid="report-text">
          {data.text}
        </Code>
      )}
      {chart?.body && <InteractiveChart body={chart.body} title={item.title} svgUrl={chartUrl('svg')} />}
      {chart?.error && (
        <Alert color="red" title={`The report "${item.title}" failed`} role="alert">
          {chart.error}
        </Alert>
      )}
      {data && kind === 'application/json' && !isChart && (
        <Code block className={styles.text}>
          {data.text}
        </Code>
      )}
      {data && !isChart && !['text/html', 'text/markdown', 'application/json'].includes(kind) && (
        <Text size="sm" c="dimmed">
          {data.filename} is ready ({Math.ceil(data.blob.size / 1024)} KiB). Use Download to save it.
        </Text>
      )}
      <Group>
        <Anchor component={Link} to={`/events?${query}`} size="sm">
          Back to the event log
        </Anchor>
      </Group>
    </Stack>
  );
}

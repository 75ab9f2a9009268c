import { Alert, Stack } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../../lib/api-error.ts';
import { type ChartBody, interactiveOption, tooltipContent, unsupportedParts } from './chart-option.ts';
import styles from './reports.module.css';

/**
 * A chart report drawn in the page with ECharts (tooltips, legend toggling), from the option the
 * report computed, at the size it was laid out for. A chart using parts of ECharts the page does not
 * load (or that ECharts refuses) is shown as the server's SVG instead, with a word why.
 */
export function InteractiveChart({
  body,
  title,
  svgUrl,
}: {
  body: ChartBody;
  title: string;
  svgUrl: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const unsupported = useMemo(() => unsupportedParts(body.option), [body]);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const element = container.current;
    if (unsupported.length || !element) return;
    let disposed = false;
    let dispose = () => {};
    setFailure(null);
    // ECharts is loaded only when a chart is shown.
    import('./echarts-setup.ts')
      .then(({ echartsInit }) => {
        if (disposed) return;
        const chart = echartsInit()(element, null, {
          renderer: 'svg',
          width: body.width,
          height: body.height,
        });
        dispose = () => chart.dispose();
        chart.setOption(interactiveOption(body.option, tooltipElement));
      })
      .catch((error: unknown) => {
        if (!disposed) setFailure(errorMessage(error));
      });
    return () => {
      disposed = true;
      dispose();
    };
  }, [body, unsupported]);

  if (unsupported.length || failure)
    return (
      <Stack gap="xs">
        <Alert color="gray" variant="light" data-testid="chart-fallback">
          {failure
            ? `The chart could not be drawn in the page (${failure}); this is the server's image.`
            : `This chart uses ${unsupported.join(', ')}, which the page does not draw; this is the server's image.`}
        </Alert>
        <img className={styles.chartImage} src={svgUrl} alt={title} />
      </Stack>
    );
  return (
    <div className={styles.chartScroll}>
      <div
        ref={container}
        className={styles.chart}
        role="img"
        aria-label={title}
        data-testid="report-chart"
      />
    </div>
  );
}

/**
 * The tooltip as DOM nodes built here: text through textContent, the series colour through the
 * element's style object (allowed by the page's CSP, unlike HTML style attributes).
 */
function tooltipElement(params: unknown): HTMLElement {
  const content = tooltipContent(params);
  const root = document.createElement('div');
  if (content.title) {
    const heading = document.createElement('div');
    heading.className = styles.tooltipTitle ?? '';
    heading.textContent = content.title;
    root.append(heading);
  }
  for (const row of content.rows) {
    const line = document.createElement('div');
    line.className = styles.tooltipRow ?? '';
    const swatch = document.createElement('span');
    swatch.className = styles.tooltipSwatch ?? '';
    if (row.color) swatch.style.backgroundColor = row.color;
    const name = document.createElement('span');
    name.textContent = row.series;
    const value = document.createElement('strong');
    value.textContent = row.value;
    line.append(swatch, name, value);
    root.append(line);
  }
  return root;
}

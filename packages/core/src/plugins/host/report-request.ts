import { credentialStatsQuerySchema } from '@steppingstones/shared/credential-stats';
import { eventListQuerySchema } from '@steppingstones/shared/events';
import type { z } from 'zod';
import { ValidationError } from '../../errors.ts';
import { parseOrThrow } from '../../zod-errors.ts';
import type { ValidatedReportPoint } from '../plugin-definition.schema.ts';
import { paramsJsonSchema } from '../plugin-menu.ts';

/** The grid's filter keys: a report URL takes the same filter as the events list. */
const filterSchema = eventListQuerySchema.pick({
  search: true,
  tag: true,
  untagged: true,
  tactic: true,
  technique: true,
  detected: true,
  prevented: true,
  operator: true,
  starred: true,
  from: true,
  to: true,
});
export type ReportFilter = z.output<typeof filterSchema>;
const FILTER_KEYS = new Set(Object.keys(filterSchema.shape));

/** The vault list's filter keys: a credential report URL takes the same filter as the vault list. */
const credentialFilterSchema = credentialStatsQuerySchema.omit({ engagement: true });
export type CredentialReportFilter = z.output<typeof credentialFilterSchema>;
const CREDENTIAL_FILTER_KEYS = new Set(Object.keys(credentialFilterSchema.shape));
const GRID_ONLY = new Set(['sort', 'cursor', 'page_size']);

/**
 * `preview=1`: the small render of the Reports gallery's cards. The report reads at most this many of
 * the filtered events (the first in its order), so a card costs the same on a huge engagement as on a
 * small one; the full report is one click away.
 */
export const PREVIEW_EVENT_LIMIT = 200;

/**
 * How a chart is sent: `svg` (the default) and `png` are images for documents; `echarts` is the
 * option as JSON, which the report viewer draws as an interactive chart.
 */
export const CHART_FORMATS = ['svg', 'png', 'echarts'] as const;
export type ChartFormat = (typeof CHART_FORMATS)[number];

export interface ReportRequest {
  engagementCode: string;
  filter: ReportFilter;
  /** The vault's filter (credential reports; empty for event reports). */
  credentialFilter: CredentialReportFilter;
  params: Record<string, unknown>;
  format: ChartFormat | undefined;
  /** A gallery preview: the events read are capped at PREVIEW_EVENT_LIMIT. */
  preview: boolean;
}

type Query = Record<string, string | string[] | undefined>;

/** Turns query strings into the JSON types the parameter schema declares, before zod checks them. */
function coerce(value: string | string[], schema: Record<string, unknown> | undefined): unknown {
  const type = schema?.type;
  const one = Array.isArray(value) ? value[value.length - 1]! : value;
  if (type === 'array')
    return (Array.isArray(value) ? value : value.split(',')).map((s) => s.trim()).filter(Boolean);
  if (type === 'boolean')
    return one === 'true' || one === '1' ? true : one === 'false' || one === '0' ? false : one;
  if (type === 'number' || type === 'integer')
    return one.trim() !== '' && !Number.isNaN(Number(one)) ? Number(one) : one;
  return one;
}

/**
 * Splits a report URL's query into engagement, filter (validated like the events list), parameters
 * (validated by the report's schema; an error names the parameter) and the chart format.
 */
export function parseReportRequest(
  point: ValidatedReportPoint,
  query: Query,
  type: 'event-report' | 'credential-report' = 'event-report',
): ReportRequest {
  const filterKeys = type === 'credential-report' ? CREDENTIAL_FILTER_KEYS : FILTER_KEYS;
  const engagementCode = typeof query.engagement === 'string' ? query.engagement.trim() : '';
  if (!engagementCode)
    throw ValidationError.field('engagement', 'is required: the code of the engagement to report on');
  const filterInput: Record<string, unknown> = {};
  const paramInput: Record<string, unknown> = {};
  const properties = (paramsJsonSchema(point).properties ?? {}) as Record<string, Record<string, unknown>>;
  let format: ReportRequest['format'];
  let preview = false;
  for (const [name, value] of Object.entries(query)) {
    // The grid's own paging and sorting ride along in the URL it hands over; reports ignore them.
    if (value === undefined || name === 'engagement' || GRID_ONLY.has(name)) continue;
    if (name === 'preview') {
      const one = Array.isArray(value) ? value.at(-1) : value;
      if (!['1', 'true', '0', 'false'].includes(String(one)))
        throw ValidationError.field('preview', 'must be 1 (a capped render for a preview) or 0');
      preview = one === '1' || one === 'true';
    } else if (name === 'format') {
      const known = CHART_FORMATS.find((f) => f === value);
      if (!known) throw ValidationError.field('format', `must be one of ${CHART_FORMATS.join(', ')}`);
      if (point.output !== 'chart') throw ValidationError.field('format', 'applies only to chart reports');
      format = known;
    } else if (filterKeys.has(name)) {
      filterInput[name] = value;
    } else if (name in properties) {
      paramInput[name] = coerce(value, properties[name]);
    } else {
      const known = Object.keys(properties);
      throw ValidationError.field(
        name,
        `is not a parameter of this report${known.length ? ` (its parameters: ${known.join(', ')})` : ' (it has none)'}`,
      );
    }
  }
  const credential = type === 'credential-report';
  const filter = credential ? {} : parseOrThrow(filterSchema, filterInput);
  const credentialFilter = credential ? parseOrThrow(credentialFilterSchema, filterInput) : {};
  const params = point.paramsSchema ? parseOrThrow(point.paramsSchema, paramInput) : {};
  return {
    engagementCode,
    filter,
    credentialFilter,
    params: params as Record<string, unknown>,
    format,
    preview,
  };
}

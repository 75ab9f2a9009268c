import { type DialectName, writeTransaction } from '@steppingstones/db';
import type { ReportContext, ReportOutput } from '@steppingstones/plugin-sdk';
import type { EngagementDto } from '@steppingstones/shared';
import type { EventDto, EventFields } from '@steppingstones/shared/events';
import { createEngagement } from '../../engagements/index.ts';
import { createEvent } from '../../events/index.ts';
import type { PermissionCode, Principal } from '../../permissions/index.ts';
import { inTransaction, serviceContext } from '../../service-context.ts';
import { createTestContext, type TestContext } from '../../testing/index.ts';
import { insertUser, principalForUser } from '../../users/index.ts';
import { pluginContextBase } from '../host/plugin-context-base.ts';
import { reportQueries } from '../host/report-data.ts';
import { type RenderedReport, toRenderedReport } from '../host/report-output.ts';
import { type ChartFormat, parseReportRequest } from '../host/report-request.ts';
import {
  pluginDefinitionSchema,
  type ValidatedPlugin,
  type ValidatedReportPoint,
} from '../plugin-definition.schema.ts';
import { mayUsePoint, requiredPermissions } from '../plugin-menu.ts';
import { pointsOf } from '../plugin-registry.ts';
import { type PluginFixtures, seedPluginFixtures } from './fixtures.ts';

export interface RenderOptions {
  /** Report parameters as the URL would carry them (strings), e.g. `{ includeEvidence: 'true' }`. */
  params?: Record<string, string>;
  /** The grid's filter (event reports) or the vault's (credential reports) as URL parameters, e.g. `{ tag: 'phishing' }`, `{ system: 'CORP' }`. */
  filter?: Record<string, string>;
  /** Render as a user holding exactly these permissions (a member of the engagement); default: the operator. */
  permissions?: string[];
  /** A chart's format: `svg` (default), `png` or `echarts` (the option as JSON, for the viewer). */
  format?: ChartFormat;
  /** The fixed time of `ctx.clock.now()`; default 2026-02-01T12:00:00Z, so outputs are reproducible. */
  now?: string;
  locale?: string;
}

export interface RenderResult {
  /** What `render` returned. */
  output: ReportOutput;
  /** What the host would send: content type, file name, body (a streamed body gathered whole). */
  rendered: RenderedReport & { body: string | Uint8Array };
  /** The body as text (UTF-8), for assertions and golden files. */
  text: string;
}

export interface PluginTestHarness {
  /** A real, migrated database (SQLite by default) with the fixtures in it. */
  context: TestContext;
  fixtures: PluginFixtures;
  plugin: ValidatedPlugin;
  renderEventReport(key: string, options?: RenderOptions): Promise<RenderResult>;
  renderCredentialReport(key: string, options?: RenderOptions): Promise<RenderResult>;
  /**
   * Extra arrangement: logs an event (the events API's fields). In the fixture engagement it is written
   * by the operator; with `engagement` naming another one (see `addEngagement`) by the system.
   */
  addEvent(fields: EventFields): Promise<EventDto>;
  /** Another engagement (the operator is not a member), e.g. to prove reports never mix engagements. */
  addEngagement(code: string): Promise<EngagementDto>;
  dispose(): Promise<void>;
}

/** The report with a streamed body read to its end (text stays text; any bytes make it bytes). */
async function wholeBody(report: RenderedReport): Promise<RenderedReport & { body: string | Uint8Array }> {
  const { body } = report;
  if (typeof body === 'string' || body instanceof Uint8Array) return { ...report, body };
  const pieces: (string | Uint8Array)[] = [];
  for await (const piece of body) pieces.push(piece);
  const whole = pieces.every((p) => typeof p === 'string')
    ? pieces.join('')
    : new Uint8Array(Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))));
  return { ...report, body: whole };
}

/**
 * Gives a plugin a real database with fixtures and renders its reports as the host does (same
 * validation, same queries, same output checks), in-process so a test is fast and debuggable.
 * The plugin is validated exactly like the registry does at load: an invalid plugin fails here first.
 */
export async function createPluginTestHarness(
  plugin: unknown,
  options: { dialect?: DialectName } = {},
): Promise<PluginTestHarness> {
  const definition = pluginDefinitionSchema.parse(plugin);
  const context = await createTestContext(options.dialect ?? 'sqlite');
  try {
    const fixtures = await seedPluginFixtures(context);
    const others = new Map<string, Principal>();
    const render = async (type: 'event-report' | 'credential-report', key: string, o: RenderOptions = {}) => {
      const point = pointsOf(definition, type).find((p) => p.key === key) as ValidatedReportPoint | undefined;
      if (!point) throw new Error(`The plugin ${definition.id} has no ${type} "${key}".`);
      const principal: Principal = o.permissions
        ? {
            // Exactly these codes in the fixture engagement: the operator's role grants must not come along.
            userId: fixtures.operator.userId,
            username: 'tester',
            isSuperuser: false,
            permissions: new Set(o.permissions as PermissionCode[]),
            engagementIds: fixtures.operator.engagementIds,
            via: fixtures.operator.via,
          }
        : fixtures.operator;
      if (!mayUsePoint(principal, type, point))
        throw new Error(
          `Permission denied: the report needs ${requiredPermissions(type, point).join(', ')}.`,
        );
      const request = parseReportRequest(
        point,
        {
          engagement: fixtures.engagement.code,
          ...o.filter,
          ...o.params,
          ...(o.format ? { format: o.format } : {}),
        },
        type,
      );
      const ctx: ReportContext = {
        ...pluginContextBase({
          pluginId: definition.id,
          pluginVersion: definition.version,
          point: { type, key },
          principal,
          config: definition.configSchema ? definition.configSchema.parse({}) : {},
          nowMs: Date.parse(o.now ?? '2026-02-01T12:00:00Z'),
          database: context.database.target,
          logLevel: 'silent',
        }),
        engagement: {
          id: fixtures.engagement.id,
          code: fixtures.engagement.code,
          name: fixtures.engagement.name,
          startDate: fixtures.engagement.start_date,
          endDate: fixtures.engagement.end_date,
        },
        filter: (type === 'credential-report'
          ? request.credentialFilter
          : request.filter) as ReportContext['filter'],
        params: request.params,
        locale: o.locale ?? 'en-GB',
        ...reportQueries({
          db: context.database.db,
          dialect: context.database.dialect,
          principal,
          engagementId: fixtures.engagement.id,
          filter: request.filter,
          credentialFilter: request.credentialFilter,
        }),
      };
      const output = (await point.render(ctx as never)) as ReportOutput;
      const rendered = await wholeBody(
        await toRenderedReport(output, point.output, point.key, request.format),
      );
      const text =
        typeof rendered.body === 'string' ? rendered.body : Buffer.from(rendered.body).toString('utf8');
      return { output, rendered, text };
    };
    return {
      context,
      fixtures,
      plugin: definition,
      renderEventReport: (key, o) => render('event-report', key, o),
      renderCredentialReport: (key, o) => render('credential-report', key, o),
      addEvent: async (fields) => {
        const code = fields.engagement ?? fixtures.engagement.code;
        const author = code === fixtures.engagement.code ? fixtures.operator : others.get(code);
        if (!author) throw new Error(`Call addEngagement('${code}') first.`);
        return createEvent(serviceContext(context, author), author, { ...fields, engagement: code });
      },
      addEngagement: async (code) => {
        const db = context.database.db;
        const engagement = await createEngagement(context.services(), {
          code,
          name: `Engagement ${code}`,
          start_date: '2026-01-01',
          end_date: '2026-12-31',
          description: '',
        });
        const user = await writeTransaction(db, (tx) =>
          insertUser(
            inTransaction(context.services(), tx),
            {
              username: `operator-${code.toLowerCase()}`,
              password: 'unused-Password-1',
              memberships: [{ engagement: code, role: 'operator' }],
            },
            'fixture:no-login',
          ),
        );
        others.set(code, await principalForUser(db, user, 'system'));
        return engagement;
      },
      dispose: () => context.dispose(),
    };
  } catch (error) {
    await context.dispose();
    throw error;
  }
}

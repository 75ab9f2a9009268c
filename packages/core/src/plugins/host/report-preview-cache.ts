import type { AppContext } from '../../app-context.ts';
import { latestDomainEventId } from '../../outbox/index.ts';
import type { PluginHost } from '../plugin-host.ts';
import type { RenderedReport } from './report-output.ts';
import { authorizeReport, type RunReportInput, runReport } from './run-report.ts';

/** Previews kept (least recently used dropped first): a few galleries of a dozen cards each. */
const MAX_ENTRIES = 300;
/** A preview's body larger than this is sent but not kept (a preview reads at most 200 events). */
const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** Even with no change at all, a preview is rendered again after this long (plugin code, ATT&CK data). */
const MAX_AGE_MS = 10 * 60_000;

interface Entry {
  report: Omit<RenderedReport, 'body'> & { body: string | Uint8Array };
  at: number;
}

/**
 * Gallery previews, rendered once per data version: the key holds the report, the engagement and the
 * whole query, the caller and their permissions in the engagement (a preview shows what the caller may see, masked or
 * not), and the outbox's latest id, which every change in the app moves on (an event saved, a plugin
 * switched off...). So a preview is never stale, and a gallery opened again without a change renders
 * nothing. Per process: several instances each keep their own.
 */
export class ReportPreviewCache {
  private readonly entries = new Map<string, Entry>();

  async run(app: AppContext, host: PluginHost, input: RunReportInput): Promise<RenderedReport> {
    // Checked on every request, kept or not: access taken away since answers at once.
    const { principal, engagement } = await authorizeReport(host, input);
    const version = await latestDomainEventId(host.database.db);
    const key = JSON.stringify([
      input.type,
      input.pluginId,
      input.key,
      engagement.id,
      principal.userId,
      [...principal.permissions].sort(),
      Object.entries(input.query).sort(([a], [b]) => a.localeCompare(b)),
      input.locale ?? '',
      version,
    ]);
    const now = app.clock.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < MAX_AGE_MS) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return { ...hit.report };
    }
    const report = await runReport(app, host, input);
    const body = await bodyOf(report.body);
    const whole = { ...report, body };
    if (byteLength(body) <= MAX_BODY_BYTES) {
      this.entries.delete(key);
      this.entries.set(key, { report: whole, at: now });
      while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    }
    return whole;
  }
}

const byteLength = (body: string | Uint8Array) =>
  typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;

/** A streamed preview read whole (it is small: its events are capped) so it can be kept. */
async function bodyOf(body: RenderedReport['body']): Promise<string | Uint8Array> {
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<string | Uint8Array>)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

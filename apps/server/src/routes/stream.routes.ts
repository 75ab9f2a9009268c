import { LiveSubscription, OutboxTail, sseFrame } from '@steppingstones/core/live';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';
import { refreshPrincipal } from '../http/still-authorised.ts';

const HEARTBEAT_MS = 15_000;
const REVALIDATE_MS = 3_000;

/**
 * `GET /api/v1/stream/`: Server-Sent Events of the caller's live subscription (core/live), which replays
 * from `Last-Event-ID`, scopes each message to the caller's role in its engagement and re-reads the
 * caller when their access changes. Messages carry only ids: clients refetch through the API. A
 * heartbeat every 15 s; the stream ends when the session does.
 */
export async function streamRoutes(app: AppServer): Promise<void> {
  const tail = new OutboxTail(app.ctx.database, app.ctx.logger);
  const open = new Set<() => void>();
  app.addHook('onReady', () => tail.start());
  // preClose, not onClose: the server waits for open connections before onClose, and a stream is one.
  // Ending each stream with a final chunk lets browsers reconnect cleanly (no incomplete-chunk error).
  app.addHook('preClose', async () => {
    for (const close of open) close();
  });
  app.addHook('onClose', async () => {
    await tail.stop();
  });

  app.get(
    '/api/v1/stream',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['live'],
        querystring: z.object({ last_event_id: z.coerce.number().int().min(0).optional() }),
      },
    },
    async (request, reply) => {
      const header = request.headers['last-event-id'];
      const fromHeader = typeof header === 'string' && /^\d+$/.test(header) ? Number(header) : undefined;
      // A tab taking over the shared stream passes its position in the query; the browser's own
      // reconnects send the header, which is newer after the first reconnect: resume from the later one.
      const candidates = [request.query.last_event_id, fromHeader].filter((v) => v !== undefined);

      reply.hijack();
      const out = reply.raw;
      out.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      });
      const event = (name: string, data: unknown) =>
        out.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
      let heartbeat: ReturnType<typeof setInterval> | undefined;
      const subscription = new LiveSubscription({
        db: app.ctx.database.db,
        source: tail,
        principal: request.principal,
        refresh: () => refreshPrincipal(app.ctx, request, request.authUser),
        resumeFrom: candidates.length > 0 ? Math.max(...candidates) : undefined,
        revalidateMs: REVALIDATE_MS,
        onError: (error) => request.log.warn({ err: error }, 'live stream'),
        sink: {
          change: (message) => out.write(sseFrame(message)),
          reset: () => event('reset', { reason: 'too far behind; refetch' }),
          ready: (position) => event('ready', { position }),
          end: (reason) => {
            cleanup();
            event('end', { reason });
            out.end();
          },
        },
      });
      const cleanup = () => {
        clearInterval(heartbeat);
        subscription.close();
        open.delete(close);
      };
      const close = () => {
        cleanup();
        // No `end` event: that tells the browser the session ended; after a restart it should reconnect.
        out.end();
      };
      open.add(close);
      out.on('close', cleanup);

      out.write(`retry: 3000\n\n`);
      try {
        await subscription.start();
      } catch (error) {
        // The replay could not be read (database unreachable): end the stream; the browser reconnects.
        request.log.warn({ err: error }, 'live stream');
        close();
        return;
      }
      if (subscription.closed) return;
      heartbeat = setInterval(() => out.write(`: heartbeat ${app.ctx.clock.now()}\n\n`), HEARTBEAT_MS);
    },
  );
}

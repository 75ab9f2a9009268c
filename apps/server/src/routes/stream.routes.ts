import { type LiveMessage, OutboxTail, sseFrame, toLiveMessage } from '@steppingstones/core/live';
import { type DomainEvent, readDomainEventsAfter } from '@steppingstones/core/outbox';
import { hasEngagementPermission, type Principal } from '@steppingstones/core/permissions';
import { accessChangedFor } from '@steppingstones/core/users';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';
import { refreshPrincipal } from '../http/still-authorised.ts';

const HEARTBEAT_MS = 15_000;
const REVALIDATE_MS = 3_000;
/** A client further behind than this is told to refetch everything instead of replaying. */
const MAX_REPLAY = 2_000;

/** An engagement's messages reach those who may read its events (their role there), others none. */
function visibleTo(principal: Principal, message: LiveMessage): boolean {
  return (
    message.engagement_id === null || hasEngagementPermission(principal, message.engagement_id, 'event.view')
  );
}

/**
 * `GET /api/v1/stream/`: Server-Sent Events tailing the outbox. Messages carry only ids (clients refetch
 * through the permission-checked API, so scoping and redaction hold); `Last-Event-ID` replays what a
 * reconnecting client missed; a heartbeat every 15 s; the stream ends when the session does.
 * The caller is re-read every few seconds, and at once when the outbox says their access changed
 * (`user.access_changed`: revoked, deactivated, groups or engagements changed): messages are handled in
 * outbox order, so nothing written after a removal from an engagement reaches the removed user.
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
      let principal = request.principal;
      const header = request.headers['last-event-id'];
      const fromHeader = typeof header === 'string' && /^\d+$/.test(header) ? Number(header) : undefined;
      // A tab taking over the shared stream passes its position in the query; the browser's own
      // reconnects send the header, which is newer after the first reconnect: resume from the later one.
      const candidates = [request.query.last_event_id, fromHeader].filter((v) => v !== undefined);
      const resumeFrom = candidates.length > 0 ? Math.max(...candidates) : undefined;

      reply.hijack();
      const out = reply.raw;
      out.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      });
      const userId = Number(request.authUser.id);
      let lastSent = resumeFrom ?? tail.position;
      let closed = false;
      const send = (m: LiveMessage) => {
        if (closed || m.id <= lastSent || !visibleTo(principal, m)) return;
        out.write(sseFrame(m));
        lastSent = m.id;
      };
      /** Re-reads the caller; a revoked session or a deactivated user ends the stream. */
      const recheck = async (): Promise<boolean> => {
        const fresh = await refreshPrincipal(app.ctx, request, request.authUser).catch(() => principal);
        if (closed) return false;
        if (!fresh) {
          cleanup();
          out.write(`event: end\ndata: {"reason":"signed out"}\n\n`);
          out.end();
          return false;
        }
        principal = fresh;
        return true;
      };
      const deliver = async (events: readonly DomainEvent[]) => {
        for (const e of events) {
          if (closed) return;
          if (accessChangedFor(e, userId) && !(await recheck())) return;
          const m = toLiveMessage(e);
          if (m) send(m);
        }
      };
      // Batches and periodic rechecks run one after another, so a recheck finishes before any later
      // message is considered and an older recheck never overwrites a newer principal.
      let queue: Promise<unknown> = Promise.resolve();
      const serial = (task: () => Promise<unknown>) => {
        queue = queue.then(task).catch((error: unknown) => request.log.warn({ err: error }, 'live stream'));
        return queue;
      };

      // Subscribe before replaying, buffering, so nothing falls between the replay and the live tail.
      const buffered: DomainEvent[] = [];
      let replaying = true;
      const unsubscribe = tail.subscribe((events) => {
        if (replaying) buffered.push(...events);
        else void serial(() => deliver(events));
      });
      let heartbeat: ReturnType<typeof setInterval> | undefined;
      let revalidate: ReturnType<typeof setInterval> | undefined;
      const cleanup = () => {
        closed = true;
        clearInterval(heartbeat);
        clearInterval(revalidate);
        unsubscribe();
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
      if (resumeFrom !== undefined) {
        const missed = await readDomainEventsAfter(app.ctx.database.db, resumeFrom, {
          limit: MAX_REPLAY + 1,
        });
        if (missed.length > MAX_REPLAY) {
          lastSent = tail.position;
          out.write(`event: reset\ndata: {"reason":"too far behind; refetch"}\n\n`);
        } else {
          for (const e of missed) {
            const m = toLiveMessage(e);
            if (m) send(m);
            else lastSent = Math.max(lastSent, e.id);
          }
        }
      }
      replaying = false;
      await serial(() => deliver(buffered));
      if (closed) return;
      out.write(`event: ready\ndata: ${JSON.stringify({ position: Math.max(lastSent, tail.position) })}\n\n`);
      heartbeat = setInterval(() => out.write(`: heartbeat ${Date.now()}\n\n`), HEARTBEAT_MS);
      revalidate = setInterval(() => void serial(recheck), REVALIDATE_MS);
    },
  );
}

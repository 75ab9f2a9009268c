import type { AppContext } from '@steppingstones/core';
import type { PluginHost } from '@steppingstones/core/plugins';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
    /** The plugins loaded and synced at start-up (see plugin-startup.ts). */
    plugins: PluginHost;
  }
}

/** The Fastify instance every route module receives: zod-typed, with the app context decorated. */
export type AppServer = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

import crypto from 'node:crypto';
import fs from 'node:fs';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { AppContext } from '@steppingstones/core';
import Fastify from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppServer } from './app-server.ts';
import { installAllowedHosts } from './http/allowed-hosts.ts';
import { installAuthentication } from './http/authenticate.ts';
import { clientErrorHandler, installControlCharacterGuard } from './http/control-characters.ts';
import { installEchoLimit } from './http/echo-limit.ts';
import { installErrorHandler } from './http/error-handler.ts';
import { requestLogSerializer } from './http/log-redaction.ts';
import { installPageSizeAlias } from './http/paging.ts';
import { type DeclaredRoute, enforceRouteAccessDeclarations } from './http/route-access.ts';
import { installSecurityHeaders } from './http/security-headers.ts';
import { installStrictUtf8Bodies } from './http/utf8-body.ts';
import { startPlugins } from './plugin-startup.ts';
import { registerApiRoutes } from './routes/index.ts';
import { installOffThreadCheckpoints } from './sqlite-checkpoints.ts';
import { serveWebApp } from './web/serve-web-app.ts';

export interface BuiltApp {
  app: AppServer;
  /** Every route with its declared access, for the permission matrix and docs. */
  routes: DeclaredRoute[];
}

/** Builds the HTTP app (without listening), so tests get the real thing on a port of their own. */
export async function buildApp(ctx: AppContext, options: { serveWeb?: boolean } = {}): Promise<BuiltApp> {
  const { config } = ctx;
  const https = config.tls
    ? { key: fs.readFileSync(config.tls.keyFile), cert: fs.readFileSync(config.tls.certFile) }
    : undefined;
  const app = Fastify({
    loggerInstance: ctx.logger.child({ component: 'http' }, { serializers: { req: requestLogSerializer } }),
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    // A hop count is valid at runtime (proxy-addr) though Fastify's types omit it.
    trustProxy: config.trustProxy as boolean | string[],
    bodyLimit: config.maxBodyBytes,
    routerOptions: { ignoreTrailingSlash: true },
    clientErrorHandler,
    ...(https ? { https } : {}),
  }) as unknown as AppServer;

  app.decorate('ctx', ctx);
  await installOffThreadCheckpoints(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routes: DeclaredRoute[] = [];
  enforceRouteAccessDeclarations(app, routes);
  installErrorHandler(app);
  installEchoLimit(app);
  installStrictUtf8Bodies(app);
  installPageSizeAlias(app);
  installAllowedHosts(app, config.allowedHosts);
  installSecurityHeaders(app, { https: Boolean(https) || Boolean(config.publicUrl?.startsWith('https://')) });
  await app.register(cookie);
  // Before authentication: a session cookie or signed-URL token with a NUL never reaches a query.
  installControlCharacterGuard(app);
  installAuthentication(app);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Stepping Stones API',
        version: 'v1',
        description: 'The red team activity hub. Times are ISO-8601 UTC.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          session: { type: 'apiKey', in: 'cookie', name: 'ss_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { deepLinking: false },
    // The viewer sets its own CSP (hashes of its inline scripts); our hook keeps a CSP a route set.
    staticCSP: true,
  });

  await startPlugins(app);
  await registerApiRoutes(app);
  if (options.serveWeb !== false) await serveWebApp(app);
  await app.ready();
  return { app, routes };
}

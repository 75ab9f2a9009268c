import { DomainError, ValidationError } from '@steppingstones/core';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

export interface ErrorBody {
  error: string;
  message: string;
  /** Per-field problems: `{ field, message }`, the same messages the UI shows beside the inputs. */
  fields?: Array<{ field: string; message: string }>;
  details?: unknown;
}

/** Maps every error to a JSON body for the user. Stack traces and internals go to the log only. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const fields = error.validation.map((v) => ({
        field:
          String(v.instancePath || where)
            .replace(/^\//, '')
            .replaceAll('/', '.') || where,
        message: v.message ?? 'is invalid',
      }));
      return reply.status(400).send({
        error: 'invalid',
        message: fields.map((f) => `${f.field}: ${f.message}`).join('; '),
        fields,
      } satisfies ErrorBody);
    }
    if (error instanceof ValidationError) {
      return reply
        .status(400)
        .send({ error: error.code, message: error.message, fields: error.problems } satisfies ErrorBody);
    }
    if (error instanceof DomainError) {
      const body: ErrorBody = { error: error.code, message: error.message };
      if ('details' in error && error.details !== undefined) body.details = error.details;
      return reply.status(error.status).send(body);
    }
    const status = error.statusCode ?? 500;
    if (status === 413) {
      return reply
        .status(413)
        .send({ error: 'too_large', message: 'The request body is larger than the limit (MAX_BODY_MB).' });
    }
    if (status < 500) {
      // Fastify's own client errors (bad JSON, unsupported media type): their messages are safe and useful.
      return reply.status(status).send({ error: error.code ?? 'bad_request', message: error.message });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({
      error: 'internal',
      message: `Something went wrong on the server. The error was logged with request id ${request.id}.`,
    });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      error: 'not_found',
      message: `No such endpoint: ${request.method} ${request.url.split('?')[0]}`,
    });
  });
}

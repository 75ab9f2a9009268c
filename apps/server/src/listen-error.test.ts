import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '@steppingstones/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer } from './main.ts';

async function startError(env: Record<string, string>): Promise<ConfigError> {
  const error = await startServer(env).then(
    async (server) => {
      await server.stop();
      throw new Error('expected the server not to start');
    },
    (x: unknown) => x,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('a server that cannot listen', { timeout: 60_000 }, () => {
  let env: Record<string, string>;
  beforeEach(() => {
    env = {
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'ss-listen-')),
      LOG_LEVEL: 'silent',
      WORKER: 'off',
    };
  });
  afterEach(() => fs.rmSync(env.DATA_DIR!, { recursive: true, force: true }));

  it('names HOST when the host does not resolve', async () => {
    // .invalid never resolves (RFC 2606).
    const error = await startError({ ...env, HOST: 'no-such-host.invalid', PORT: '0' });
    expect(error.setting).toBe('HOST');
    expect(error.message).toContain('"no-such-host.invalid"');
  });

  it('names PORT when another process holds the port', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as net.AddressInfo).port;
    try {
      const error = await startError({ ...env, HOST: '127.0.0.1', PORT: String(port) });
      expect(error.setting).toBe('PORT');
      expect(error.message).toContain(`${port} is already in use`);
    } finally {
      holder.close();
    }
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { logDestination, resolveLogFormat } from './log-destination.ts';

describe('log format', () => {
  it('writes readable lines to a terminal and JSON lines elsewhere unless told', () => {
    expect(resolveLogFormat('auto', { isTTY: true })).toBe('pretty');
    expect(resolveLogFormat('auto', { isTTY: false })).toBe('json');
    expect(resolveLogFormat('auto', {})).toBe('json');
    expect(resolveLogFormat('json', { isTTY: true })).toBe('json');
    expect(resolveLogFormat('pretty', { isTTY: false })).toBe('pretty');
  });
});

describe('log destination', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  const logTo = (format: 'pretty' | 'json') => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-log-'));
    dirs.push(dir);
    const file = path.join(dir, 'out.log');
    const logger = pino({ name: 'steppingstones' }, logDestination(format, file));
    logger.info({ engagement: 'ACME' }, 'server listening');
    return fs.readFileSync(file, 'utf8');
  };

  it('pretty: one human line with level, message and fields, no JSON', () => {
    const text = logTo('pretty');
    expect(text).toMatch(/INFO.*server listening/);
    expect(text).toContain('ACME');
    expect(text.trimStart().startsWith('{')).toBe(false);
    expect(text.trim().split('\n')).toHaveLength(1);
  });

  it('json: one JSON object per line', () => {
    const line = JSON.parse(logTo('json').trim());
    expect(line).toMatchObject({ msg: 'server listening', engagement: 'ACME', level: 30 });
  });
});

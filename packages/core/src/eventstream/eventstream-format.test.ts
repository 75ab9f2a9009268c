import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEventStreamLine } from './eventstream-format.ts';
import { readLines } from './line-reader.ts';

const EXAMPLE = path.resolve(import.meta.dirname, 'eventstream-example.jsonl');
const reasonOf = (line: string) => {
  const c = checkEventStreamLine(line);
  return 'reason' in c ? c.reason : null;
};
const valuesOf = (line: string) => {
  const c = checkEventStreamLine(line);
  if ('reason' in c) throw new Error(c.reason);
  return c.values;
};

async function collect(chunks: Array<Uint8Array | string>, maxLineBytes?: number) {
  const out = [];
  for await (const l of readLines(
    (async function* () {
      yield* chunks;
    })(),
    { maxLineBytes },
  ))
    out.push(l);
  return out;
}

describe('EventStream format', () => {
  it('accepts both lines of the shipped example and maps every key', () => {
    const [minimal, full] = fs.readFileSync(EXAMPLE, 'utf8').trim().split('\n') as [string, string];
    expect(valuesOf(minimal)).toMatchObject({
      start_at: Date.UTC(2024, 3, 1, 17, 2, 1),
      end_at: null,
      operator: '',
      target_host: '192.168.5.8',
      target_user: 'victim',
      description: 'Dumped browser passwords',
      raw_evidence: null,
      tactic_id: null,
      additional_data: null,
    });
    expect(valuesOf(full)).toMatchObject({
      end_at: Date.UTC(2024, 3, 1, 17, 6, 20),
      source_host: 'attacker.example.com',
      source_process: 'spray.exe',
      tactic_id: 'TA0006',
      technique_id: 'T1110.003',
      raw_evidence: expect.stringContaining('spray.exe -u users.txt'),
    });
  });

  it('reads times without an offset as UTC, and honours offsets, Z and fractions', () => {
    expect(valuesOf('{"ts":"2024-04-01T17:02","d":"x"}').start_at).toBe(Date.UTC(2024, 3, 1, 17, 2));
    expect(valuesOf('{"ts":"2024-04-01T17:02:01+01:00","d":"x"}').start_at).toBe(
      Date.UTC(2024, 3, 1, 16, 2, 1),
    );
    expect(valuesOf('{"ts":"2024-04-01T17:02:01.250Z","d":"x"}').start_at).toBe(
      Date.UTC(2024, 3, 1, 17, 2, 1, 250),
    );
  });

  it('reads the common plain form (with or without Z) exactly as the full reading, and refuses the same', () => {
    const start = (ts: string) => valuesOf(`{"ts":"${ts}","d":"x"}`).start_at;
    expect(start('2024-02-29T23:59:59')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59));
    expect(start('2024-02-29T23:59:59Z')).toBe(start('2024-02-29T23:59:59.000+00:00'));
    expect(start('1970-01-01T00:00:00')).toBe(0);
    expect(reasonOf('{"ts":"2023-02-29T10:00:00","d":"x"}')).toMatch(/^ts: .*not a real date/);
    expect(reasonOf('{"ts":"2024-04-31T10:00:00Z","d":"x"}')).toMatch(/^ts: .*not a real date/);
    expect(reasonOf('{"ts":"2024-04-01T24:00:00","d":"x"}')).toMatch(/^ts: .*not a real date/);
    expect(reasonOf('{"ts":"1969-12-31T23:59:59","d":"x"}')).toMatch(/^ts: .*between 1970-01-01/);
    expect(reasonOf('{"ts":"2024-04-0xT10:00:00","d":"x"}')).toMatch(/^ts: must be an ISO-8601/);
  });

  it('keeps every other key as additional data', () => {
    const v = valuesOf('{"ts":"2024-04-01T17:02:01","d":"x","zeta":[1,2],"alpha":{"k":"v"}}');
    expect(JSON.parse(v.additional_data!)).toEqual({ alpha: { k: 'v' }, zeta: [1, 2] });
  });

  it('rejects impossible dates, schema breaches and non-JSON with a reason naming the key', () => {
    expect(reasonOf('{"ts":"2024-02-30T10:00:00","d":"x"}')).toMatch(/^ts: .*not a real date/);
    expect(reasonOf('{"ts":"2023-02-29T10:00:00","d":"x"}')).toMatch(/^ts:/);
    expect(reasonOf('{"ts":"2024-04-01T25:00:00","d":"x"}')).toMatch(/^ts:/);
    expect(reasonOf('{"ts":"2024-04-01T17:00","te":"yesterday","d":"x"}')).toMatch(/^te:/);
    expect(reasonOf('{"d":"x"}')).toMatch(/^ts: is required/);
    expect(reasonOf('{"ts":"2024-04-01T17:00"}')).toMatch(/^d or e/);
    expect(reasonOf('{"ts":"2024-04-01T17:00","d":""}')).toMatch(/^d: must not be empty/);
    expect(reasonOf(`{"ts":"2024-04-01T17:00","d":"${'x'.repeat(1001)}"}`)).toMatch(
      /^d: must be at most 1000/,
    );
    expect(reasonOf('{"ts":"2024-04-01T17:00","d":"x","s":{}}')).toMatch(/^s: needs at least one/);
    expect(reasonOf('{"ts":"2024-04-01T17:00","d":"x","t":{"x":"y"}}')).toMatch(/^t\.x: is not allowed/);
    expect(reasonOf('{"ts":"2024-04-01T17:00","d":"x","ma":{"ta":"TX01"}}')).toMatch(/^ma\.ta:/);
    expect(reasonOf('{"ts":"2024-04-01T17:00","d":"x","ma":{"t":"1110"}}')).toMatch(/^ma\.t:/);
    expect(reasonOf('{"ts":"2024-04-01T17:00","d":"x","op":5}')).toMatch(/^op: must be a string/);
    expect(reasonOf('[1,2]')).toBe('must be a JSON object');
    expect(reasonOf('{"ts": oops}')).toMatch(/^not valid JSON/);
  });

  it('counts characters, not UTF-16 units, like JSON Schema', () => {
    expect(reasonOf(`{"ts":"2024-04-01T17:00","d":"${'😀'.repeat(1000)}"}`)).toBeNull();
  });
});

describe('line reader', () => {
  it('joins a multi-byte character split across chunks, drops CR and the BOM, numbers blank lines', async () => {
    const bytes = Buffer.from('\uFEFF{"a":"é😀"}\r\n\r\nlast', 'utf8');
    const split = [bytes.subarray(0, 9), bytes.subarray(9, 11), bytes.subarray(11)];
    expect(await collect(split)).toEqual([
      { line: 1, text: '{"a":"é😀"}' },
      { line: 2, text: '' },
      { line: 3, text: 'last' },
    ]);
  });

  it('takes lines far longer than a chunk, and refuses only those over the maximum', async () => {
    const long = 'x'.repeat(200_000);
    const chunks = [`${long}\n${'y'.repeat(50)}`, `${'y'.repeat(50)}\nshort\n`];
    const read = await collect(chunks, 90);
    expect(read).toEqual([
      { line: 1, tooLong: true, bytes: 200_000 },
      { line: 2, tooLong: true, bytes: 100 },
      { line: 3, text: 'short' },
    ]);
    const many = await collect([long.slice(0, 70_000), long.slice(70_000), '\n']);
    expect(many).toEqual([{ line: 1, text: long }]);
  });
});

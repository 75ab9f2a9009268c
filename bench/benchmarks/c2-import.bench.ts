import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { AppContext } from '@steppingstones/core';
import { findC2Source, importC2Logs } from '@steppingstones/core/c2';
import { createEngagement } from '@steppingstones/core/engagements';
import { systemPrincipal } from '@steppingstones/core/permissions';
import { pluginHostFor } from '@steppingstones/core/plugins';
import tar from 'tar-stream';
import { writeC2Archive } from '../generators/c2-archive.ts';
import { benchContext } from '../lib/app.ts';
import { defineBenchmark } from '../lib/define.ts';
import { benchServices } from '../lib/services.ts';

interface State {
  ctx: AppContext;
  file: string;
  bytes: number;
  actions: number;
  /** A fresh engagement per import, so every action is new. */
  targets: string[];
}

const ITERATIONS = { full: 2, quick: 1 };

/**
 * `c2 import` of a Cobalt Strike logs/ archive (.tar.gz) of N actions over N/200 beacons, as the CLI
 * runs it: streamed from disk, one log at a time through the c2-sources plugin, saved in batches of
 * 2,500 actions with credential extraction. Baseline: reading the archive without parsing. Peak memory must not grow with the archive.
 */
export default defineBenchmark<State>({
  name: 'c2-import',
  description: 'c2 import of a Cobalt Strike logs/ .tar.gz of N actions over N/200 beacons (CLI path)',
  baselineDescription: 'reading the same archive (gunzip and untar every log) without parsing',
  target: {
    text: 'an archive of 1,000 sessions and 200,000 actions imported at ≥ 20,000 actions/s on SQLite with flat memory',
    issue: 19,
    metric: 'rate',
    value: 20_000,
    atSize: 200_000,
  },
  dataset: 'none',
  dialects: ['sqlite'],
  sizes: { full: [20_000, 200_000], quick: [2_000] },
  iterations: ITERATIONS,
  warmup: 0,
  unit: 'rows/s',
  flatMemory: { sizes: [20_000, 200_000], maxGrowth: 1.5 },
  async setup(env) {
    const file = path.join(env.tmpDir, 'logs.tar.gz');
    const bytes = await writeC2Archive(file, Math.max(1, Math.round(env.size / 200)), env.size);
    const ctx = await benchContext(env);
    // Loading the installed plugins is a once-per-process cost, not the import's.
    await findC2Source(ctx, systemPrincipal('cli'), 'cobalt-strike-logs');
    // So is starting the plugin thread the parser runs in (the server keeps its threads warm).
    await (await pluginHostFor(ctx)).threads.warm(1);
    const targets: string[] = [];
    for (let i = 0; i < (env.quick ? ITERATIONS.quick : ITERATIONS.full); i++) {
      const code = `C2-IMPORT-${i}`;
      await createEngagement(benchServices(env.database), {
        code,
        name: code,
        start_date: '2026-01-01',
        end_date: '2027-12-31',
      });
      targets.push(code);
    }
    return { ctx, file, bytes, actions: env.size, targets };
  },
  async baseline(state) {
    // Reading the archive (gunzip and untar every member) without parsing or writing anything.
    const extract = tar.extract();
    let members = 0;
    extract.on('entry', (_header, stream, next) => {
      members++;
      stream.on('end', next);
      stream.resume();
    });
    await pipeline(fs.createReadStream(state.file), createGunzip(), extract);
    if (members === 0) throw new Error('the archive is empty');
    return { rows: state.actions, bytes: state.bytes };
  },
  async measure(state) {
    const code = state.targets.shift();
    if (!code) throw new Error('more imports than prepared engagements');
    const r = await importC2Logs(state.ctx, systemPrincipal('cli'), {
      engagement: code,
      adapter: 'cobalt-strike-logs',
      server: 'ts1',
      filename: state.file,
      file: state.file,
    });
    if (r.actions !== state.actions)
      throw new Error(`added ${r.actions} of ${state.actions} actions (${r.rejected.length} rejected)`);
    return { rows: r.actions, bytes: state.bytes };
  },
  async teardown(state) {
    await state.ctx.close();
  },
});

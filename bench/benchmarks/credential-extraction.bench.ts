import { extractCredentials } from '@steppingstones/core/extraction';
import { mixedToolOutput } from '../generators/tool-output.ts';
import { defineBenchmark } from '../lib/define.ts';

interface ExtractionState {
  bytes: Buffer;
}

/**
 * Credential extraction over mixed tool output (every extractor, marker checks, de-duplication) on
 * one core, from the UTF-8 bytes to the findings. Baseline: a bare read of the same text, decoding the
 * bytes and walking its lines, which every consumer of the text pays anyway.
 */
export default defineBenchmark<ExtractionState>({
  name: 'credential-extraction',
  description: 'extractCredentials over mixed tool output (size = MB of text)',
  baselineDescription: 'a bare read of the same text: UTF-8 decode and a walk over its lines',
  target: { text: '≥ 50 MB/s on one core over mixed tool output', issue: 16, metric: 'rate', value: 50 },
  dataset: 'none',
  sizes: { full: [64], quick: [4] },
  iterations: { full: 5, quick: 2 },
  warmup: 1,
  unit: 'MB/s',
  async setup(env) {
    return { bytes: Buffer.from(mixedToolOutput(env.size * 1024 * 1024), 'utf8') };
  },
  async baseline(state) {
    const text = state.bytes.toString('utf8');
    let lines = 0;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
    if (lines === 0) throw new Error('no lines read');
    return { bytes: state.bytes.length };
  },
  async measure(state) {
    const found = extractCredentials(state.bytes.toString('utf8'));
    if (found.length === 0) throw new Error('the mixed output holds credentials; none were found');
    return { bytes: state.bytes.length };
  },
});

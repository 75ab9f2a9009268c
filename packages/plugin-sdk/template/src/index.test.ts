import { createPluginTestHarness, type PluginTestHarness } from '@steppingstones/plugin-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from './index.ts';

describe('__NAME__: event summary', () => {
  let harness: PluginTestHarness;
  beforeAll(async () => {
    harness = await createPluginTestHarness(plugin);
  });
  afterAll(() => harness.dispose());

  it('lists every fixture event, with hostile text escaped', async () => {
    const { rendered, text } = await harness.renderEventReport('event-summary');
    expect(rendered.contentType).toContain('text/html');
    for (const e of harness.fixtures.events) expect(text).toContain(e.target.host);
    expect(text).toContain('&lt;script&gt;');
    expect(text).not.toContain('<script>');
  });

  it('honours the filter and the parameters', async () => {
    const { text } = await harness.renderEventReport('event-summary', {
      filter: { tag: 'phishing' },
      params: { includeEvidence: 'true' },
    });
    expect(text).toContain('1 events');
    expect(text).toContain('Evidence');
  });
});

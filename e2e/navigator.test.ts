import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, createEventsViaApi, DEFAULT_SETUP, type RunningApp, snap } from './support/index.ts';

const ENG = DEFAULT_SETUP.engagement.code;
const REPORT = 'external-tool-reports/mitre-attack-navigator';
const LAYER_FILE = `${ENG}-attack-navigator-layer.json`;

/** One phishing event (T1566), written through the API as a tool would. */
async function seedEvent(app: RunningApp): Promise<void> {
  await createEventsViaApi(app, [
    {
      timestamp: '2026-11-03T10:00:00Z',
      source: { host: 'KALI' },
      target: { host: 'WS01' },
      mitre_attack_tactic: 'TA0001',
      mitre_attack_technique: 'T1566',
      description: 'Sent the phishing email.',
      detected: 'FUL',
      prevented: 'PAR',
    },
  ]);
}

/**
 * A stand-in for the ATT&CK Navigator (the real one is on the internet): a page on another origin that
 * reads `#layerURL=` and fetches it the way the Navigator does, without credentials, reporting the answer.
 */
async function startStubNavigator(): Promise<{ port: number; close: () => Promise<void> }> {
  const page = `<!doctype html><meta charset="utf-8"><title>Stub Navigator</title><pre id="out">loading</pre>
<script>
const layerURL = new URLSearchParams(location.hash.slice(1)).get('layerURL');
const out = document.getElementById('out');
fetch(layerURL)
  .then(async (r) => { out.textContent = JSON.stringify({ status: r.status, layer: await r.json() }); document.body.dataset.done = 'fetched'; })
  .catch((e) => { out.textContent = 'blocked: ' + e; document.body.dataset.done = 'blocked'; });
</script>`;
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('Open in Navigator without https: explains and offers the download', { timeout: 180_000 }, () => {
  // No PUBLIC_URL, plain http, the public (https) Navigator.
  const session = adminSession({ prepare: seedEvent });

  it('says why the Navigator cannot fetch the layer and downloads it instead', async () => {
    const { page } = session.t;
    await page.goto(`/reports/${REPORT}?engagement=${ENG}`);
    const notice = page.getByTestId('navigator-unavailable');
    await notice.getByText('Open in Navigator does not work on this server').waitFor();
    const text = await notice.innerText();
    expect(text).toContain('PUBLIC_URL is not set');
    expect(text).toContain('mixed content');
    expect(text).toContain('private network');
    expect(await page.getByTestId('open-in-navigator').count()).toBe(0);
    await snap(page, 'navigator-unavailable');

    // One Download on the page: the notice points to it rather than offering a second one.
    const downloads = page.getByRole('button', { name: /download/i });
    await page.getByRole('button', { name: 'Download', exact: true }).waitFor();
    expect(await downloads.count()).toBe(1);
    expect(text).toContain('save the layer with Download');
    const [download] = await Promise.all([page.waitForEvent('download'), downloads.click()]);
    expect(download.suggestedFilename()).toBe(LAYER_FILE);
    const layer = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as {
      versions: { layer: string };
      techniques: { techniqueID: string; enabled: boolean }[];
    };
    expect(layer.versions.layer).toBe('4.5');
    expect(layer.techniques.filter((x) => x.enabled).map((x) => x.techniqueID)).toEqual(['T1566']);
    expect(session.t.problems).toEqual([]);
  });
});

describe('Open in Navigator with a reachable Navigator: the signed link works across origins', {
  timeout: 180_000,
}, () => {
  let navigator: { port: number; close: () => Promise<void> };
  let navigatorBase: string;

  // Registered first, so the stub runs before the app starts (and stops after it).
  beforeAll(async () => {
    navigator = await startStubNavigator();
    navigatorBase = `http://127.0.0.1:${navigator.port}/attack-navigator/`;
  });
  afterAll(async () => {
    await navigator?.close();
  });
  // A Navigator hosted beside the app over http: no mixed content, so the link is offered.
  const session = adminSession({
    start: { env: (url) => ({ PUBLIC_URL: url, NAVIGATOR_URL: navigatorBase }) },
    prepare: seedEvent,
  });

  it('links to the Navigator with a signed layer URL that loads without cookies', async () => {
    const { page } = session.t;
    await page.goto(`/reports/${REPORT}?engagement=${ENG}&detected=FUL&disableUnused=false`);
    const button = page.getByTestId('open-in-navigator');
    await expect.poll(() => button.getAttribute('href')).toMatch(/#layerURL=/);
    await snap(page, 'navigator-link');
    const href = (await button.getAttribute('href'))!;
    expect(href.startsWith(`${navigatorBase}#layerURL=`)).toBe(true);
    expect(await button.getAttribute('target')).toBe('_blank');
    expect(await button.getAttribute('rel')).toContain('noreferrer');
    const layerUrl = new URL(decodeURIComponent(href.slice(`${navigatorBase}#layerURL=`.length)));
    expect(layerUrl.origin).toBe(session.app.url);
    expect(layerUrl.pathname).toBe(`/api/v1/reports/${REPORT}/navigator-layer`);
    expect(layerUrl.searchParams.get('engagement')).toBe(ENG);
    expect(layerUrl.searchParams.get('detected')).toBe('FUL');
    expect(layerUrl.searchParams.get('disableUnused')).toBe('false');
    expect(layerUrl.searchParams.get('token')).toMatch(/^\d+\.\d+\.\d+\.[A-Za-z0-9_-]{43}$/);

    // From node, without cookies, as the Navigator's origin.
    const origin = new URL(navigatorBase).origin;
    const res = await fetch(layerUrl, { headers: { origin } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(((await res.json()) as { versions: { layer: string } }).versions.layer).toBe('4.5');

    // In the browser: the click opens the Navigator, whose page fetches the layer cross-origin.
    const [opened] = await Promise.all([session.t.context.waitForEvent('page'), button.click()]);
    await opened.locator('body[data-done]').waitFor();
    expect(await opened.locator('body').getAttribute('data-done')).toBe('fetched');
    const result = JSON.parse(await opened.locator('#out').innerText()) as {
      status: number;
      layer: { techniques: { techniqueID: string; enabled: boolean }[] };
    };
    expect(result.status).toBe(200);
    expect(result.layer.techniques.filter((x) => x.enabled).map((x) => x.techniqueID)).toEqual(['T1566']);
    await opened.close();

    // The same page on another origin (localhost instead of 127.0.0.1) is refused by CORS.
    const foreign = await session.t.context.newPage();
    await foreign.goto(href.replace('http://127.0.0.1:', 'http://localhost:'));
    await foreign.locator('body[data-done]').waitFor();
    expect(await foreign.locator('body').getAttribute('data-done')).toBe('blocked');
    await foreign.close();

    expect(session.t.problems).toEqual([]);
  });
});

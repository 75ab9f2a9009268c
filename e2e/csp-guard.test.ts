import { describe, expect, it } from 'vitest';
import { browserSession } from './support/index.ts';

/**
 * Every browser test ends with `expect(t.problems).toEqual([])` to fail on a CSP violation. This proves
 * the harness really records one: content the app's policy forbids is added to a real page, and it
 * must show up in `problems` (so a silent harness cannot make the other tests pass by accident).
 */
describe('the browser harness', { timeout: 120_000 }, () => {
  const session = browserSession();

  it('loads the app under its CSP without any problem', async () => {
    const t = session.t;
    // No user yet: the app opens its first-run wizard (Mantine, with its injected styles).
    await t.page.goto('/');
    await t.page.getByRole('heading', { name: "Welcome: let's set up Stepping Stones" }).waitFor();
    expect(session.t.problems).toEqual([]);
  });

  it('records a style without the nonce and a remote script as CSP violations', async () => {
    const t = session.t;
    await t.page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { outline: 1px solid red; }';
      document.head.append(style);
      const script = document.createElement('script');
      script.src = 'https://cdn.example.com/lib.js';
      document.head.append(script);
    });
    await expect
      .poll(() => t.problems.filter((p) => /CSP violation|Content Security Policy/.test(p)).length)
      .toBeGreaterThanOrEqual(2);
    expect(t.problems.join('\n')).toMatch(/style-src/);
    expect(t.problems.join('\n')).toMatch(/script-src.*cdn\.example\.com|cdn\.example\.com.*script-src/s);
    // Provoked on purpose and proven recorded: not left for the after-test check.
    t.problems.splice(0);
  });
});

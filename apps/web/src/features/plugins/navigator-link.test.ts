import { describe, expect, it } from 'vitest';
import { isAboutToExpire, unavailableExplanation } from './navigator-link.ts';

const PUBLIC_NAVIGATOR = 'https://mitre-attack.github.io/attack-navigator/';

describe('the Open in Navigator explanations', () => {
  it('names the missing PUBLIC_URL and why the public Navigator needs https', () => {
    const text = unavailableExplanation('public_url_unset', PUBLIC_NAVIGATOR, null);
    expect(text).toContain('PUBLIC_URL is not set');
    expect(text).toContain('mitre-attack.github.io');
    expect(text).toContain('mixed content');
    expect(text).toContain('private network');
  });

  it('names the http address the app is served at', () => {
    const text = unavailableExplanation('public_url_not_https', PUBLIC_NAVIGATOR, 'http://ss.internal:8000');
    expect(text).toContain('served over http (http://ss.internal:8000)');
    expect(text).toContain('TLS_CERT_FILE');
  });

  it('does not blame mixed content on a Navigator that is itself http', () => {
    const text = unavailableExplanation('public_url_unset', 'http://nav.internal/', null);
    expect(text).not.toContain('mixed content');
    expect(text).toContain('nav.internal');
  });

  it('treats a link with less than 15 seconds left as stale', () => {
    const now = Date.UTC(2026, 10, 23, 12);
    expect(isAboutToExpire(new Date(now + 16_000).toISOString(), now)).toBe(false);
    expect(isAboutToExpire(new Date(now + 14_000).toISOString(), now)).toBe(true);
  });
});

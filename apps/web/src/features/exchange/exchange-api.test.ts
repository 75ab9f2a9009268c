import { describe, expect, it } from 'vitest';
import { exportHref } from './exchange-api.ts';

describe('export link', () => {
  it('carries the engagement, the format and the grid filter, but not its sort or paging', () => {
    const href = exportHref(
      'ACME-2026',
      'xlsx',
      'search=mimikatz&tag=creds,lateral&sort=detected&starred=true',
    );
    const url = new URL(href, 'http://x');
    expect(url.pathname).toBe('/api/v1/events/export/');
    expect(url.searchParams.get('engagement')).toBe('ACME-2026');
    expect(url.searchParams.get('format')).toBe('xlsx');
    expect(url.searchParams.get('search')).toBe('mimikatz');
    expect(url.searchParams.get('tag')).toBe('creds,lateral');
    expect(url.searchParams.get('starred')).toBe('true');
    expect(url.searchParams.has('sort')).toBe(false);
  });

  it('cannot be pointed at another engagement by the filter', () => {
    const url = new URL(exportHref('ACME-2026', 'csv', 'engagement=OTHER'), 'http://x');
    expect(url.searchParams.getAll('engagement')).toEqual(['ACME-2026']);
  });
});

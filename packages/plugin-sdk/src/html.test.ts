import { describe, expect, it } from 'vitest';
import { HtmlBuilderError, type HtmlTag, h, htmlTable, textWithBreaks } from './html.ts';
import { renderHtml, renderHtmlStream } from './html-render.ts';

describe('the HTML builder', () => {
  it('escapes hostile text in content and attributes', () => {
    const hostile = `<script>alert("x")</script><img src=x onerror=alert(1)>&'`;
    const html = renderHtml(h('p', { title: hostile }, hostile));
    expect(html).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&amp;&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&amp;&#39;</p>',
    );
    expect(html).not.toMatch(/<script|<img/);
  });

  it('builds tables with colours that paste into Word', () => {
    const html = renderHtml(
      htmlTable(
        ['Host', 'Detected'],
        [['DC01', h('td', { bgcolor: 'DarkSeaGreen', style: { color: '#000' } }, 'FUL')]],
      ),
    );
    expect(html).toBe(
      '<table><thead><tr><th>Host</th><th>Detected</th></tr></thead><tbody><tr><td>DC01</td>' +
        '<td bgcolor="DarkSeaGreen" style="color: #000">FUL</td></tr></tbody></table>',
    );
  });

  it('refuses tags, attributes and style values outside the allowed set', () => {
    expect(() => h('script' as HtmlTag, null, 'x')).toThrow('The tag <script> is not allowed');
    expect(() => h('p', { onclick: 'x' } as never)).toThrow('"onclick" is not allowed on <p>');
    expect(() => h('td', { colspan: 2 }, 'ok')).not.toThrow();
    expect(() => h('p', { colspan: 2 })).toThrow('"colspan" is not allowed on <p>');
    expect(() => renderHtml(h('span', { style: { color: 'red; background: url(http://evil)' } }))).toThrow(
      'is not allowed for the style "color"',
    );
    expect(() => renderHtml(h('td', { bgcolor: 'javascript:alert(1)' }))).toThrow('is not allowed');
    // A node forged by hand (not through h()) is validated when rendered.
    expect(() => renderHtml({ tag: 'iframe', attrs: {}, children: [] } as never)).toThrow();
    expect(() => renderHtml({ tag: 'p', attrs: { onload: 'x' }, children: [] } as never)).toThrow();
  });

  it('embeds images only as base64 data: URIs of PNG, JPEG, GIF or WebP', () => {
    const src = 'data:image/png;base64,iVBORw0KGgo=';
    expect(renderHtml(h('img', { src, alt: 'shot "1".png', width: 480 }))).toBe(
      `<img src="${src}" alt="shot &quot;1&quot;.png" width="480">`,
    );
    for (const bad of [
      'https://evil.example/x.png',
      'javascript:alert(1)',
      'data:image/svg+xml;base64,PHN2Zz4=',
      'data:text/html;base64,PHNjcmlwdD4=',
      'data:image/png;base64,iVBOR" onerror="alert(1)',
      'data:image/png,<svg>',
    ])
      expect(() => renderHtml(h('img', { src: bad })), bad).toThrow('base64 data: URI');
    expect(() => renderHtml(h('img', { src, width: 0 }))).toThrow('width must be 1 to 2000');
    expect(() => h('img', { src }, 'child')).toThrow('<img> takes no children');
    expect(() => h('p', { src } as never)).toThrow('"src" is not allowed on <p>');
  });

  it('keeps line breaks as <br> with the text escaped', () => {
    expect(renderHtml(h('p', null, textWithBreaks('a<b\nc')))).toBe('<p>a&lt;b<br>c</p>');
  });
});

describe('streamed HTML', () => {
  async function* pages(rows: string[][]) {
    for (const page of rows) yield page.map((text) => h('tr', null, h('td', null, text)));
  }
  async function* cellPages(rows: string[][]) {
    for (const page of rows) yield page.map((t) => [t]);
  }
  const text = async (stream: AsyncIterable<string>) => {
    let out = '';
    for await (const piece of stream) out += piece;
    return out;
  };

  it('renders rows read page by page to the bytes of the complete table', async () => {
    const rows = [['a<b', 'c'], [], ['d & e']];
    const whole = renderHtml(
      h(
        'table',
        null,
        h(
          'tbody',
          null,
          rows.flat().map((t) => h('tr', null, h('td', null, t))),
        ),
      ),
    );
    const streamed = h('table', null, h('tbody', null, pages(rows)));
    expect(await text(renderHtmlStream(streamed))).toBe(whole);
    expect(await text(renderHtmlStream(htmlTable(['H'], cellPages(rows))))).toBe(
      renderHtml(
        htmlTable(
          ['H'],
          rows.flat().map((t) => [t]),
        ),
      ),
    );
  });

  it('hands text out in pieces, and checks streamed nodes as strictly as the others', async () => {
    const many = [Array.from({ length: 5000 }, (_, i) => `row ${i}`)];
    const pieces: string[] = [];
    for await (const piece of renderHtmlStream(h('div', null, pages(many)), 1024)) pieces.push(piece);
    expect(pieces.length).toBeGreaterThan(1);
    async function* forged() {
      yield { tag: 'script', attrs: {}, children: ['alert(1)'] } as never;
    }
    await expect(text(renderHtmlStream(h('div', null, forged())))).rejects.toThrow(HtmlBuilderError);
  });

  it('refuses to render a streamed part synchronously', () => {
    expect(() => renderHtml(h('div', null, pages([['x']])))).toThrow('renderHtmlStream');
  });
});

import { describe, expect, it } from 'vitest';
import { type HtmlTag, h, htmlTable, textWithBreaks } from './html.ts';
import { renderHtml } from './html-render.ts';

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

  it('keeps line breaks as <br> with the text escaped', () => {
    expect(renderHtml(h('p', null, textWithBreaks('a<b\nc')))).toBe('<p>a&lt;b<br>c</p>');
  });
});

// HTML "Detection Summary" (reference §2.2): per tactic, in kill-chain order, how much of the activity
// was detected and prevented. Fixes: the original read every event of every engagement and ignored the
// filter; it printed NCC template class names ("high", "low") as colours.
import { eventReport, type HtmlChild, h, type ReportContext } from '@steppingstones/plugin-sdk';

/** A rate's word and a real colour (pink = bad … green = good, the badness gradient of the charts). */
export function rateWord(p: number): { word: string; colour: string } {
  if (p <= 0) return { word: 'None', colour: '#E97590' };
  if (p <= 0.2) return { word: 'Minimal', colour: '#F7D089' };
  if (p >= 1) return { word: 'All', colour: 'DarkSeaGreen' };
  if (p >= 0.8) return { word: 'Most', colour: '#AFF6CD' };
  return { word: 'Some', colour: '#F7F4B9' };
}

const CELL = { border: '1px solid #999' } as const;

/**
 * N/A events are left out of a rate (they could not be detected / prevented); UNK counts as not
 * detected, as the original did. A tactic whose events are all N/A shows "Not Applicable".
 */
function rateCell(hits: number, total: number): HtmlChild {
  if (total === 0) return h('td', { style: CELL }, 'Not Applicable');
  const p = hits / total;
  const { word, colour } = rateWord(p);
  return h(
    'td',
    { bgcolor: colour, style: { ...CELL, backgroundColor: colour } },
    `${word} (${Math.round(p * 100)}%, ${hits} of ${total})`,
  );
}

async function render(ctx: ReportContext) {
  const events = await ctx.events.list();
  const stats = new Map<
    string,
    { det: number; detTotal: number; prev: number; prevTotal: number; n: number }
  >();
  let untagged = 0;
  for (const e of events) {
    if (!e.tactic) {
      untagged++;
      continue;
    }
    const s = stats.get(e.tactic.mitreId) ?? { det: 0, detTotal: 0, prev: 0, prevTotal: 0, n: 0 };
    stats.set(e.tactic.mitreId, s);
    s.n++;
    if (e.detected !== 'N/A') s.detTotal++;
    if (e.detected === 'FUL' || e.detected === 'PAR') s.det++;
    if (e.prevented !== 'N/A') s.prevTotal++;
    if (e.prevented === 'FUL' || e.prevented === 'PAR') s.prev++;
  }
  const rows: HtmlChild[] = [];
  for (const tactic of await ctx.attack.tactics()) {
    const s = stats.get(tactic.mitreId);
    if (!s) continue;
    rows.push(
      h(
        'tr',
        null,
        h('td', { style: CELL }, tactic.name),
        h('td', { style: { ...CELL, textAlign: 'right' } }, s.n),
        rateCell(s.det, s.detTotal),
        rateCell(s.prev, s.prevTotal),
      ),
    );
  }
  const header = ['Tactic', 'Events', 'Detections', 'Preventions'].map((t) =>
    h('th', { bgcolor: '#dddddd', style: { ...CELL, backgroundColor: '#dddddd', textAlign: 'left' } }, t),
  );
  const body: HtmlChild[] = [
    h(
      'p',
      null,
      `Detection and prevention by ATT&CK tactic over ${events.length} events of ${ctx.engagement.name} ` +
        `(${ctx.engagement.code}). Detected means an alert was raised or the event was recorded; prevented ` +
        'means it was blocked as standard or stopped by manual intervention. Events marked Not Applicable ' +
        'are left out of a rate.',
    ),
    rows.length
      ? h(
          'table',
          { style: { border: '1px solid #999' } },
          h('thead', null, h('tr', null, header)),
          h('tbody', null, rows),
        )
      : h('p', null, h('em', null, 'No filtered event has an ATT&CK tactic.')),
  ];
  if (untagged) body.push(h('p', null, `${untagged} events without an ATT&CK tactic are not counted.`));
  return { kind: 'html' as const, body, filename: `${ctx.engagement.code}-detection-summary` };
}

const point = {
  title: 'Detection Summary',
  category: 'HTML',
  icon: 'shield',
  description: 'Detection and prevention rates per ATT&CK tactic, in kill-chain order.',
  requires: ['report.view'],
  output: 'html' as const,
  render,
};

export const htmlDetectionSummary = eventReport({ key: 'html-detection-summary', ...point });

/** The original's misspelt key, kept so stored links and bookmarks still work; not shown in menus. */
export const htmlDectionSummaryAlias = eventReport({ key: 'html-dection-summary', hidden: true, ...point });

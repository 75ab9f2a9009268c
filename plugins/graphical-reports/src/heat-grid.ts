// The shared layout of the two ATT&CK heat maps (reference §2.8–2.9): a colour bar, then per tactic a
// titled grid of four columns. Drawn with ECharts `graphic` elements so the cells, colours and text
// are exactly what the report computed (the host renders it to SVG / PNG).
import { gradient } from './colours.ts';

export interface HeatCell {
  id: string;
  name: string;
  /** A fill colour; the plugin maps scores to colours. */
  color: string;
}

export interface HeatSection {
  title: string;
  cells: HeatCell[];
}

const WIDTH = 1000;
const COLUMNS = 4;
const CELL_W = 235;
const CELL_H = 64;
const MARGIN = 20;

/** Wraps a name at 20 characters on word boundaries (as the original's textwrap). */
export function wrap(text: string, width = 20): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

export function heatGrid(options: {
  title: string;
  subtitle: string;
  barLabel: string;
  barStops: readonly string[];
  barTicks: { at: number; label: string }[];
  sections: HeatSection[];
}) {
  const elements: Record<string, unknown>[] = [];
  const text = (x: number, y: number, t: string, extra: Record<string, unknown> = {}) =>
    elements.push({ type: 'text', x, y, style: { text: t, fill: '#000', fontSize: 12, ...extra } });
  text(WIDTH / 2, 14, options.title, { fontSize: 18, fontWeight: 'bold', align: 'center' });
  text(WIDTH / 2, 40, options.subtitle, { fontSize: 11, align: 'center', fill: '#555' });
  const barY = 66;
  elements.push({
    type: 'rect',
    shape: { x: MARGIN, y: barY, width: WIDTH - 2 * MARGIN, height: 18 },
    style: { fill: gradient(options.barStops), stroke: '#000' },
  });
  for (const tick of options.barTicks) {
    const x = MARGIN + tick.at * (WIDTH - 2 * MARGIN);
    text(x, barY + 22, tick.label, {
      fontSize: 9,
      align: tick.at === 0 ? 'left' : tick.at === 1 ? 'right' : 'center',
    });
  }
  text(WIDTH / 2, barY + 40, options.barLabel, { fontSize: 11, align: 'center' });
  let y = barY + 70;
  for (const section of options.sections) {
    text(MARGIN, y, section.title, { fontSize: 14, fontWeight: 'bold' });
    y += 22;
    section.cells.forEach((cell, i) => {
      const x = MARGIN + (i % COLUMNS) * CELL_W;
      const top = y + Math.floor(i / COLUMNS) * CELL_H;
      elements.push({
        type: 'rect',
        shape: { x, y: top, width: CELL_W, height: CELL_H },
        style: { fill: cell.color, stroke: '#000' },
      });
      text(x + CELL_W / 2, top + CELL_H / 2, `${cell.id}\n${wrap(cell.name)}`, {
        align: 'center',
        verticalAlign: 'middle',
        fontSize: 11,
      });
    });
    y += Math.ceil(section.cells.length / COLUMNS) * CELL_H + 24;
  }
  if (!options.sections.length)
    text(WIDTH / 2, y, 'No filtered event has an ATT&CK technique.', { align: 'center' });
  return { option: { graphic: { elements } }, width: WIDTH, height: Math.max(240, y + MARGIN) };
}

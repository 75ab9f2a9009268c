import { describe, expect, it } from 'vitest';
import { clickRow, headerState, NO_SELECTION, selectedAmong, toggleAllLoaded } from './row-selection.ts';

const rows = [50, 40, 30, 20, 10];
const sorted = (s: ReadonlySet<number>) => [...s].sort((a, b) => b - a);

describe('grid row selection', () => {
  it('toggles one row on a plain click', () => {
    const one = clickRow(NO_SELECTION, rows, null, 30, false);
    expect(sorted(one)).toEqual([30]);
    expect(sorted(clickRow(one, rows, 30, 30, false))).toEqual([]);
  });

  it('selects the range between the anchor and a shift-clicked row, in either direction', () => {
    const first = clickRow(NO_SELECTION, rows, null, 40, false);
    expect(sorted(clickRow(first, rows, 40, 10, true))).toEqual([40, 30, 20, 10]);
    const last = clickRow(NO_SELECTION, rows, null, 20, false);
    expect(sorted(clickRow(last, rows, 20, 50, true))).toEqual([50, 40, 30, 20]);
  });

  it('clears a range when the shift-clicked row was selected', () => {
    const all = new Set(rows);
    expect(sorted(clickRow(all, rows, 50, 30, true))).toEqual([20, 10]);
  });

  it('acts as a plain click when the anchor left the grid', () => {
    expect(sorted(clickRow(NO_SELECTION, rows, 99, 20, true))).toEqual([20]);
  });

  it('keeps the chosen events when rows arrive or leave, counting only those still shown', () => {
    const chosen = new Set([40, 20]);
    const afterLiveUpdate = [60, 50, 40, 30, 10];
    expect(selectedAmong(chosen, afterLiveUpdate)).toEqual([40]);
    expect(selectedAmong(chosen, [60, ...rows])).toEqual([40, 20]);
  });

  it('selects every loaded row from the header, and clears when all were selected', () => {
    expect(headerState(NO_SELECTION, rows)).toBe('none');
    const all = toggleAllLoaded(new Set([40]), rows);
    expect(headerState(new Set([40]), rows)).toBe('some');
    expect(sorted(all)).toEqual(rows);
    expect(headerState(all, rows)).toBe('all');
    expect(toggleAllLoaded(all, rows).size).toBe(0);
  });
});

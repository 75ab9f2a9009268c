import { describe, expect, it } from 'vitest';
import { filesOf, screenshotName, unusableDrop } from './clipboard-files.ts';

/** The parts of a DataTransfer the helpers read. */
const transfer = (files: File[], directory = false) =>
  ({
    files,
    items: files.map(() => ({ kind: 'file', webkitGetAsEntry: () => ({ isDirectory: directory }) })),
  }) as unknown as DataTransfer;

const at = new Date(2026, 11, 8, 1, 2, 3);

describe('files out of a paste or a drop', () => {
  it('names a pasted screenshot after the moment of the paste, a second one apart', () => {
    expect(screenshotName('image/png', at)).toBe('screenshot-2026-12-08-01-02-03.png');
    expect(screenshotName('image/jpeg', at, 1)).toBe('screenshot-2026-12-08-01-02-03-2.jpg');
    const [first, second] = filesOf(
      transfer([
        new File(['a'], 'image.png', { type: 'image/png' }),
        new File(['b'], '', { type: 'image/png' }),
      ]),
      at,
    );
    expect(first?.name).toBe('screenshot-2026-12-08-01-02-03.png');
    expect(second?.name).toBe('screenshot-2026-12-08-01-02-03-2.png');
    expect(first?.type).toBe('image/png');
  });

  it('keeps the name of a real file', () => {
    const [file] = filesOf(transfer([new File(['x'], 'dc01-whoami.cast', { type: '' })]), at);
    expect(file?.name).toBe('dc01-whoami.cast');
  });

  it('finds no file in a paste of text, and says why a drop of text or a folder attaches nothing', () => {
    expect(filesOf(transfer([]), at)).toEqual([]);
    expect(filesOf(null, at)).toEqual([]);
    expect(unusableDrop(transfer([]))).toMatch(/Nothing to attach/);
    expect(unusableDrop(transfer([new File(['x'], 'loot')], true))).toMatch(/folder/);
    expect(unusableDrop(transfer([new File(['x'], 'loot.txt')]))).toBeNull();
  });
});

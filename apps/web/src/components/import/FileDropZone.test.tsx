import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { renderInApp } from '../../testing/render.tsx';
import { FileDropZone } from './FileDropZone.tsx';

describe('the file drop zone', () => {
  it('hands over a chosen file, and the same file again when it is chosen twice', async () => {
    const got: string[] = [];
    renderInApp(
      <FileDropZone onFile={(f) => got.push(f.name)} hint="user:hash lines" inputLabel="Dump file" />,
    );
    await expect
      .element(page.getByRole('button', { name: /Drop a file here, or click to choose one/ }))
      .toHaveTextContent('user:hash lines');
    const file = new File(['admin:31d6cfe0d16ae931b73c59d7e0c089c0\n'], 'hashes.txt', { type: 'text/plain' });
    await userEvent.upload(page.getByLabelText('Dump file'), file);
    await userEvent.upload(page.getByLabelText('Dump file'), file);
    expect(got).toEqual(['hashes.txt', 'hashes.txt']);
  });
});

import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { renderInApp } from '../../testing/render.tsx';
import { SelectionBar } from './SelectionBar.tsx';

describe('the bulk selection bar', () => {
  it('stays hidden while nothing is selected', async () => {
    renderInApp(<SelectionBar engagement="ACME" selectedIds={[]} onClear={() => {}} canChange />);
    await expect.element(page.getByTestId('selection-count')).not.toBeInTheDocument();
  });

  it('counts the selection, clears it, and opens the edit dialog on exactly the selected events', async () => {
    let cleared = 0;
    renderInApp(
      <SelectionBar engagement="ACME" selectedIds={[4, 9, 12]} onClear={() => cleared++} canChange />,
    );
    await expect.element(page.getByTestId('selection-count')).toHaveTextContent('3 selected');
    await page.getByRole('button', { name: 'Clear selection' }).click();
    expect(cleared).toBe(1);
    await page.getByRole('button', { name: 'Edit selected…' }).click();
    await expect.element(page.getByRole('dialog')).toHaveTextContent('3 events');
  });
});

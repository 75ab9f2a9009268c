import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { renderInApp } from '../../testing/render.tsx';
import { ImportProgress } from './ImportProgress.tsx';

describe('the import progress', () => {
  it('follows a background import: waiting for the worker, then the share read and the lines', async () => {
    renderInApp(
      <>
        <ImportProgress
          fraction={1}
          name="queued.txt"
          working="Importing"
          worker={{ status: 'queued', bytes: 0, total: 100, lines: 0 }}
        />
        <ImportProgress
          fraction={1}
          name="ntds.txt"
          working="Importing"
          worker={{ status: 'running', bytes: 40, total: 100, lines: 12345 }}
        />
      </>,
    );
    await expect
      .element(page.getByText('queued.txt is uploaded and waits for the background worker…'))
      .toBeVisible();
    await expect
      .element(page.getByText('Importing ntds.txt in the background: 12,345 lines (40%)…'))
      .toBeVisible();
    await expect
      .element(page.getByLabelText('Import progress').nth(1))
      .toHaveAttribute('aria-valuenow', '40');
  });
});

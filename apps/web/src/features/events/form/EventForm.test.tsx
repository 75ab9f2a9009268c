import type { EventDto } from '@steppingstones/shared/events';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { renderInApp } from '../../../testing/render.tsx';
import { EventForm } from './EventForm.tsx';

function newEventForm() {
  const saved: EventDto[] = [];
  let cancelled = 0;
  renderInApp(
    <EventForm
      mode="new"
      event={null}
      engagement="ACME"
      me={{ username: 'alice' }}
      zone="UTC"
      onSaved={(e) => saved.push(e)}
      onCancel={() => cancelled++}
    />,
  );
  return { saved, cancelled: () => cancelled };
}

describe('the event form', () => {
  it('starts a new event now, as the signed-in operator, with the default Detected / Prevented', async () => {
    newEventForm();
    await expect.element(page.getByRole('form', { name: 'Event' })).toBeVisible();
    await expect.element(page.getByRole('combobox', { name: 'Detected?' })).toHaveValue('Unknown');
    await expect.element(page.getByRole('combobox', { name: 'Prevented?' })).toHaveValue('Not Prevented');
    await expect.element(page.getByRole('button', { name: 'Create event' })).toBeEnabled();
  });

  it('checks the fields with the server schema before sending, and sends nothing', async () => {
    const form = newEventForm();
    await page.getByRole('button', { name: 'Create event' }).click();
    await expect.element(page.getByText('This field is required.')).toBeVisible();
    await expect
      .element(page.getByText('A context must have at least one of host, user or process.').first())
      .toBeVisible();
    await expect.element(page.getByText('Please correct the fields marked in red.')).toBeVisible();
    expect(form.saved).toEqual([]);
  });

  it('counts the description against its limit and clears its error as the user types', async () => {
    newEventForm();
    await page.getByRole('button', { name: 'Create event' }).click();
    await expect.element(page.getByText('This field is required.')).toBeVisible();
    await page.getByRole('textbox', { name: 'Description' }).fill('Dumped LSASS');
    await expect.element(page.getByText('12 / 1000')).toBeVisible();
    await expect.element(page.getByText('This field is required.')).not.toBeInTheDocument();
  });

  it('Cancel leaves without saving', async () => {
    const form = newEventForm();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(form.cancelled()).toBe(1);
    expect(form.saved).toEqual([]);
  });
});

import type { EventDto } from '@steppingstones/shared/events';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { renderInApp } from '../../../../testing/render.tsx';
import { type EventFormValues, initialValues } from '../form-values.ts';
import { EVENT_MERGE_FIELDS } from './event-merge-fields.ts';
import { MergeView } from './MergeView.tsx';

const ctx = (id: number, host: string) => ({
  id,
  host,
  user: '',
  process: '',
  red_team_infrastructure: false,
  colour: '#123456',
});
const stored: EventDto = {
  id: 7,
  engagement: 'ACME',
  timestamp: '2026-11-20T13:05:37.250Z',
  timestamp_end: null,
  operator: 'alice',
  source: ctx(1, 'KALI-01'),
  target: ctx(2, 'WS-042'),
  mitre_attack_tactic: null,
  mitre_attack_technique: null,
  mitre_attack_subtechnique: null,
  mitre_attack_label: null,
  description: 'Dumped LSASS',
  raw_evidence: '',
  outcome: '',
  detected: 'UNK',
  prevented: 'NEG',
  starred: false,
  tags: [],
  files: [],
  attachment_count: 0,
  attachments: [],
  comment_count: 0,
  version: 1,
  created_by: 'alice',
  created_at: '2026-11-20T13:05:37.250Z',
  updated_by: 'alice',
  updated_at: '2026-11-20T13:05:37.250Z',
};

function conflict() {
  const base = initialValues('edit', stored, { username: 'alice' }, 'UTC');
  const mine: EventFormValues = { ...base, description: 'Dumped LSASS with procdump', outcome: 'hashes' };
  const theirs: EventFormValues = { ...base, description: 'Dumped LSASS (EDR alerted)', detected: 'FUL' };
  const theirsEvent = { ...stored, version: 2, updated_by: 'bob', description: theirs.description };
  const saved: EventFormValues[] = [];
  renderInApp(
    <MergeView
      fields={EVENT_MERGE_FIELDS}
      base={base}
      mine={mine}
      theirs={theirs}
      theirsEvent={theirsEvent}
      attributions={{}}
      round={1}
      saveLabel="Save merged event"
      onSave={async (merged) => {
        saved.push(merged);
      }}
    />,
  );
  return saved;
}

describe('the merge view after a refused save', () => {
  it('says who saved first and lists each field that differs, with what each side changed', async () => {
    conflict();
    await expect.element(page.getByText('bob saved this event while you were editing it')).toBeVisible();
    await expect.element(page.getByText('3 fields differ · 1 still to choose')).toBeVisible();
    await expect.element(page.getByTestId('merge-field-description')).toHaveTextContent('Both changed this');
    await expect.element(page.getByTestId('merge-field-outcome')).toHaveTextContent('Changed by you');
    await expect.element(page.getByTestId('merge-field-detected')).toHaveTextContent('Changed by them');
  });

  it('refuses to save until a field both sides changed is chosen, then saves the merge', async () => {
    const saved = conflict();
    await page.getByRole('button', { name: 'Save merged event' }).click();
    await expect.element(page.getByText('Choose your value or theirs for: Description.')).toBeVisible();
    expect(saved).toEqual([]);

    await page.getByTestId('merge-field-description').getByText('Take theirs (bob)').click();
    await expect.element(page.getByText('3 fields differ · all chosen')).toBeVisible();
    await page.getByRole('button', { name: 'Save merged event' }).click();
    await expect.poll(() => saved.length).toBe(1);
    // Their description, my outcome, their Detected: nothing either side did is lost.
    expect(saved[0]).toMatchObject({
      description: 'Dumped LSASS (EDR alerted)',
      outcome: 'hashes',
      detected: 'FUL',
    });
  });
});

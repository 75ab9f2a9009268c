import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { renderInApp } from '../../testing/render.tsx';
import { UploadList } from './UploadList.tsx';
import { useFormAttachments } from './use-form-attachments.ts';

/** A new event's form, reduced to a text field and the attachments waiting for the save. */
function NewEventForm() {
  const attachments = useFormAttachments(null, () => undefined);
  return (
    <form
      aria-label="Event"
      onPaste={attachments.onPaste}
      onDrop={attachments.onDrop}
      onDragOver={attachments.onDragOver}
    >
      <textarea aria-label="Raw evidence" />
      <UploadList items={attachments.uploads.items} onRemove={attachments.uploads.remove} />
    </form>
  );
}

/** Pastes a clipboard holding these files (and text, if given) into the field. */
function paste(target: HTMLElement, files: File[], text?: string) {
  const data = new DataTransfer();
  for (const f of files) data.items.add(f);
  if (text !== undefined) data.setData('text/plain', text);
  const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
  target.dispatchEvent(event);
  return event.defaultPrevented;
}

const picture = () =>
  new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'image.png', { type: 'image/png' });

describe('pasting into the event form', () => {
  it('keeps a pasted screenshot for the save, named after the moment of the paste', async () => {
    await renderInApp(<NewEventForm />);
    await expect.element(page.getByLabelText('Raw evidence')).toBeInTheDocument();
    const field = page.getByLabelText('Raw evidence').element() as HTMLElement;
    expect(paste(field, [picture()])).toBe(true);
    const item = page.getByRole('listitem').first();
    await expect.element(item).toHaveTextContent(/^screenshot-\d{4}(-\d\d){5}\.png/);
    await expect.element(item).toHaveTextContent('waiting');
  });

  it('leaves a paste of text in a field as text, even when the clipboard also holds a picture of it', async () => {
    await renderInApp(<NewEventForm />);
    await expect.element(page.getByLabelText('Raw evidence')).toBeInTheDocument();
    const field = page.getByLabelText('Raw evidence').element() as HTMLElement;
    // A copy from a spreadsheet: the cells as text, and a picture of them.
    expect(paste(field, [picture()], 'DC01\t10.0.0.5')).toBe(false);
    expect(page.getByRole('listitem').elements()).toHaveLength(0);
  });
});

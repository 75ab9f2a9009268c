import type { EventDto } from '@steppingstones/shared/events';
import { useMemo } from 'react';
import type { EventFormValues } from '../form-values.ts';
import { ConflictNotice } from './ConflictNotice.tsx';
import type { EventMergeField } from './event-merge-fields.ts';
import { MergeView } from './MergeView.tsx';
import type { SaveConflict } from './use-save-conflict.ts';

type Ready = Extract<SaveConflict<EventFormValues>, { kind: 'ready' }>;

export interface ConflictStepProps {
  conflict: SaveConflict<EventFormValues>;
  fields: readonly EventMergeField[];
  /** A stored event as the form would load it (the user's zone, the form's defaults). */
  toValues: (e: EventDto) => EventFormValues;
  saveLabel: string;
  /** Saves the merged values against the current version (`theirs`). */
  onSave: (merged: EventFormValues, theirs: EventDto) => Promise<void>;
  /** Back to the form with the merged values, now based on the current version. */
  onEdit?: (merged: EventFormValues, theirs: EventDto) => void;
  onBack: () => void;
  onCloseForm: () => void;
}

function ReadyMerge({
  conflict,
  fields,
  toValues,
  saveLabel,
  onSave,
  onEdit,
}: ConflictStepProps & { conflict: Ready }) {
  const base = useMemo(() => toValues(conflict.base), [toValues, conflict.base]);
  const theirs = useMemo(() => toValues(conflict.theirs), [toValues, conflict.theirs]);
  return (
    <MergeView
      fields={fields}
      base={base}
      mine={conflict.mine}
      theirs={theirs}
      theirsEvent={conflict.theirs}
      attributions={conflict.attributions}
      round={conflict.round}
      saveLabel={saveLabel}
      onSave={(merged) => onSave(merged, conflict.theirs)}
      onEdit={onEdit && ((merged) => onEdit(merged, conflict.theirs))}
    />
  );
}

/** What a form shows after a refused save: the merge view, or why it cannot show yet. */
export function ConflictStep(props: ConflictStepProps) {
  const { conflict } = props;
  if (conflict.kind === 'ready') return <ReadyMerge key={conflict.round} {...props} conflict={conflict} />;
  return <ConflictNotice conflict={conflict} onBack={props.onBack} onCloseForm={props.onCloseForm} />;
}

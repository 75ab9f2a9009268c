import type { EventDto, EventFields } from '@steppingstones/shared/events';
import { ApiError, errorMessage, isApiError } from '../../../lib/api-error.ts';
import { createEvent, fetchEvent, replaceEvent, updateContext } from '../api/events-api.ts';
import { mapServerField } from './field-names.ts';
import type { EventFormValues, FormMode } from './form-values.ts';

export { mapServerField };

/**
 * Saves the form: first any shared context the user chose to edit in place, then the event (PUT with
 * the version it was loaded at, so a concurrent change is a 409, never a silent overwrite). A shared
 * context is its own record, saved by its own request: before changing one, the event's version is
 * checked, so a form left open while a teammate saved the event changes nothing and opens the merge view.
 */
export async function saveEvent(
  mode: FormMode,
  event: EventDto | null,
  values: EventFormValues,
  body: EventFields,
): Promise<EventDto> {
  const editsShared = values.source.editShared || values.target.editShared;
  if (mode === 'edit' && event && editsShared) {
    const current = await fetchEvent(event.id);
    if (current.version !== event.version)
      throw new ApiError(
        409,
        'conflict',
        `The event was changed by someone else (it is now at version ${current.version}, you edited version ${event.version}). Review the current record and apply your change again.`,
      );
  }
  for (const side of ['source', 'target'] as const) {
    const c = values[side];
    if (c.editShared && c.id !== null)
      await updateContext(c.id, {
        host: c.host.trim(),
        user: c.user.trim(),
        process: c.process.trim(),
        ...(c.redTeamInfrastructure === undefined
          ? {}
          : { red_team_infrastructure: c.redTeamInfrastructure }),
      }).catch((e) => {
        throw isApiError(e, 400)
          ? new ApiError(400, e.code, e.message, [{ field: side, message: e.message }])
          : e;
      });
  }
  return mode === 'edit' && event ? replaceEvent(event.id, event.version, body) : createEvent(body);
}

/** A failed save as the form shows it: a conflict, or the server's messages beside their fields. */
export function describeSaveError(
  e: unknown,
  fileKeys: string[],
): { conflict: string | null; fields: Record<string, string>; message: string } {
  if (isApiError(e, 409)) return { conflict: e.message, fields: {}, message: e.message };
  if (e instanceof ApiError && e.fields.length) {
    const fields: Record<string, string> = {};
    const loose: string[] = [];
    for (const f of e.fields) {
      const key = mapServerField(f.field, fileKeys);
      if (key) fields[key] = fields[key] ? `${fields[key]} ${f.message}` : f.message;
      else loose.push(f.message);
    }
    return { conflict: null, fields, message: loose.length ? loose.join(' ') : e.message };
  }
  return { conflict: null, fields: {}, message: errorMessage(e) };
}

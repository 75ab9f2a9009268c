/** The event log's single-key shortcuts: what `?` lists, and what the grid's key handler maps. */
export const GRID_SHORTCUTS = [
  { key: '/', action: 'search', label: 'Search the events' },
  { key: 'n', action: 'new', label: 'New event' },
  { key: 'j', action: 'down', label: 'Next event' },
  { key: 'k', action: 'up', label: 'Previous event' },
  { key: 'Enter', action: 'open', label: 'Open the event’s page' },
  { key: 'e', action: 'edit', label: 'Edit the event' },
  { key: 'x', action: 'select', label: 'Select or unselect the event' },
  { key: 's', action: 'star', label: 'Star or unstar the event' },
  { key: 'o', action: 'expand', label: 'Show or hide the event’s full evidence (compact view)' },
  { key: '?', action: 'help', label: 'This list of shortcuts' },
] as const;

export type GridShortcut = (typeof GRID_SHORTCUTS)[number]['action'];

/** Keys typed into a field, or pressed with a modifier, belong to that field or to the browser. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest('input, textarea, select, [role="combobox"], [role="textbox"]') !== null;
}

/** The shortcut a key press means, or null (modifiers other than Shift leave the key to the browser). */
export function shortcutFor(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>,
): GridShortcut | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  return GRID_SHORTCUTS.find((s) => s.key === e.key)?.action ?? null;
}

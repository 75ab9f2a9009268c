import type { EventDto } from '@steppingstones/shared/events';
import { useCallback, useState } from 'react';
import type { RowAction, RowPermissions } from '../grid/EventRowActions.tsx';
import type { GridShortcut } from './shortcuts.ts';
import { useGridShortcuts } from './use-grid-shortcuts.ts';

interface Options {
  rows: EventDto[];
  /** The grid is the page in front (no form drawer over it). */
  active: boolean;
  perms: RowPermissions;
  onAction: (action: RowAction, event: EventDto) => void;
  onStar: (event: EventDto) => void;
  onOpen: (event: EventDto) => void;
  /** Absent when the user cannot select (no bulk edit). */
  onSelect?: (event: EventDto, shift: boolean) => void;
  onNew: () => void;
}

/** The event log's keyboard: the row the keys act on (j / k), and what each key does to it. */
export function useEventLogKeys({ rows, active, perms, onAction, onStar, onOpen, onSelect, onNew }: Options) {
  const [activeId, setActiveId] = useState<number | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const index = activeId === null ? -1 : rows.findIndex((r) => r.id === activeId);
  const current = index >= 0 ? rows[index] : undefined;

  const handle = (action: GridShortcut) => {
    switch (action) {
      case 'search':
        document.querySelector<HTMLInputElement>('input[aria-label="Search events"]')?.focus();
        return;
      case 'new':
        if (perms.add) onNew();
        return;
      case 'down':
      case 'up': {
        const next = action === 'down' ? Math.min(index + 1, rows.length - 1) : Math.max(index - 1, 0);
        const row = rows[index < 0 ? 0 : next];
        if (row) setActiveId(row.id);
        return;
      }
      case 'help':
        setHelpOpen(true);
        return;
    }
    if (!current) return;
    if (action === 'open') onOpen(current);
    else if (action === 'edit') {
      if (perms.change) onAction('edit', current);
      else if (perms.changeLimited) onAction('limited', current);
    } else if (action === 'select') onSelect?.(current, false);
    else if (action === 'star') {
      if (perms.change) onStar(current);
    } else if (action === 'expand')
      document
        .querySelector<HTMLButtonElement>(`tr[data-event-id="${current.id}"] [data-expand-evidence]`)
        ?.click();
  };
  useGridShortcuts(active && !helpOpen, handle);
  const closeHelp = useCallback(() => setHelpOpen(false), []);
  return { activeId: current ? current.id : null, helpOpen, closeHelp };
}

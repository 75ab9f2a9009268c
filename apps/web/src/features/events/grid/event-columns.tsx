import { ActionIcon, Checkbox, Tooltip, VisuallyHidden } from '@mantine/core';
import type { EventDto } from '@steppingstones/shared/events';
import type { ColumnDef } from '@tanstack/react-table';
import { detectedChoice, preventedChoice } from '../ui/choices.ts';
import { IconStar } from '../ui/event-icons.tsx';
import { OutcomeBadge } from '../ui/OutcomeBadge.tsx';
import { AttackCell, ContextCell, DescriptionCell, TimeCell } from './EventCells.tsx';
import { EventRowActions, type RowAction, type RowPermissions } from './EventRowActions.tsx';

export interface GridMeta {
  /** Server sort key of the column (timestamp, detected, prevented, tactic), if sortable. */
  sort?: string;
  /** The cell renders its own padding (context tint fills the cell). */
  bare?: boolean;
}

const selectLabel = (e: EventDto) =>
  `Select: ${e.description.length > 60 ? `${e.description.slice(0, 60)}…` : e.description}`;

export interface EventColumnOptions {
  timeZone: string | null;
  perms: RowPermissions;
  onAction: (action: RowAction, event: EventDto) => void;
  onStar: (event: EventDto) => void;
  starredOnly: boolean;
  onToggleStarredOnly: () => void;
  /** With both, a checkbox column for the bulk selection comes first. */
  onSelectRow?: (event: EventDto, shift: boolean) => void;
  onSelectAllLoaded?: () => void;
  /** Evidence as one line (expanded on click). */
  compact?: boolean;
  /** Event id → the teammates editing it now. */
  editing?: ReadonlyMap<number, string[]>;
}

/** The grid's columns: selection, star, time, source, target, description, Detected, Prevented, ATT&CK, actions. */
export function eventColumns({
  timeZone,
  perms,
  onAction,
  onStar,
  starredOnly,
  onToggleStarredOnly,
  onSelectRow,
  onSelectAllLoaded,
  compact = false,
  editing,
}: EventColumnOptions): ColumnDef<EventDto>[] {
  return [
    ...(onSelectRow && onSelectAllLoaded
      ? [
          {
            id: 'select',
            // The table's state says which rows are selected: the columns stay put as it changes.
            header: ({ table }) => {
              const all = table.getIsAllRowsSelected();
              return (
                <Checkbox
                  size="xs"
                  aria-label="Select all loaded events"
                  checked={all}
                  indeterminate={!all && table.getIsSomeRowsSelected()}
                  onChange={onSelectAllLoaded}
                />
              );
            },
            cell: ({ row }) => (
              <Checkbox
                size="xs"
                aria-label={selectLabel(row.original)}
                checked={row.getIsSelected()}
                onChange={(e) => onSelectRow(row.original, (e.nativeEvent as MouseEvent).shiftKey)}
              />
            ),
          } satisfies ColumnDef<EventDto>,
        ]
      : []),
    {
      id: 'star',
      header: () => (
        <Tooltip label={starredOnly ? 'Show all events' : 'Show only starred events'}>
          <ActionIcon
            variant="subtle"
            color="yellow"
            size="sm"
            aria-label="Show only starred events"
            aria-pressed={starredOnly}
            onClick={onToggleStarredOnly}
          >
            <IconStar filled={starredOnly} />
          </ActionIcon>
        </Tooltip>
      ),
      cell: ({ row }) => (
        <ActionIcon
          variant="subtle"
          color="yellow"
          size="sm"
          disabled={!perms.change}
          aria-label={row.original.starred ? 'Unstar event' : 'Star event'}
          aria-pressed={row.original.starred}
          onClick={() => onStar(row.original)}
        >
          <IconStar filled={row.original.starred} />
        </ActionIcon>
      ),
    },
    {
      id: 'timestamp',
      header: 'Time',
      meta: { sort: 'timestamp' } satisfies GridMeta,
      cell: ({ row }) => <TimeCell event={row.original} timeZone={timeZone} />,
    },
    {
      id: 'source',
      header: 'Source',
      meta: { bare: true } satisfies GridMeta,
      cell: ({ row }) => <ContextCell context={row.original.source} />,
    },
    {
      id: 'target',
      header: 'Target',
      meta: { bare: true } satisfies GridMeta,
      cell: ({ row }) => <ContextCell context={row.original.target} />,
    },
    {
      id: 'description',
      header: 'Description',
      cell: ({ row }) => (
        <DescriptionCell event={row.original} compact={compact} editors={editing?.get(row.original.id)} />
      ),
    },
    {
      id: 'detected',
      header: 'Detected',
      meta: { sort: 'detected' } satisfies GridMeta,
      cell: ({ row }) => <OutcomeBadge choice={detectedChoice(row.original.detected)} />,
    },
    {
      id: 'prevented',
      header: 'Prevented',
      meta: { sort: 'prevented' } satisfies GridMeta,
      cell: ({ row }) => <OutcomeBadge choice={preventedChoice(row.original.prevented)} />,
    },
    {
      id: 'attack',
      header: 'ATT&CK',
      meta: { sort: 'tactic' } satisfies GridMeta,
      cell: ({ row }) => <AttackCell event={row.original} />,
    },
    {
      id: 'actions',
      header: () => <VisuallyHidden>Actions</VisuallyHidden>,
      cell: ({ row }) => <EventRowActions event={row.original} perms={perms} onAction={onAction} />,
    },
  ];
}

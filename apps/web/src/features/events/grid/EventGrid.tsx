import { ActionIcon, Checkbox, Text, Tooltip, UnstyledButton, VisuallyHidden } from '@mantine/core';
import type { EventDto } from '@steppingstones/shared/events';
import { type ColumnDef, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useEffect, useMemo, useRef } from 'react';
import { type Selection, selectedAmong } from '../../bulk/row-selection.ts';
import { detectedChoice, preventedChoice } from '../ui/choices.ts';
import { IconSortAsc, IconSortDesc, IconStar } from '../ui/event-icons.tsx';
import { OutcomeBadge } from '../ui/OutcomeBadge.tsx';
import { AttackCell, ContextCell, DescriptionCell, TimeCell } from './EventCells.tsx';
import { EventRowActions, type RowAction, type RowPermissions } from './EventRowActions.tsx';
import classes from './events.module.css';

interface GridMeta {
  /** Server sort key of the column (timestamp, detected, prevented, tactic), if sortable. */
  sort?: string;
  /** The cell renders its own padding (context tint fills the cell). */
  bare?: boolean;
}

export interface EventGridProps {
  rows: EventDto[];
  timeZone: string | null;
  sort: string;
  onSort: (sort: string) => void;
  perms: RowPermissions;
  onAction: (action: RowAction, event: EventDto) => void;
  onStar: (event: EventDto) => void;
  starredOnly: boolean;
  onToggleStarredOnly: () => void;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
  empty: ReactNode;
  /** Changes when the filter or sort changes: the grid scrolls back to the top. */
  resetKey: string;
  /** Row selection (a checkbox column), when the user may bulk-edit. Keyed by event id. */
  selection?: {
    selected: Selection;
    /** A row's checkbox was clicked; `shift` extends from the last clicked row. */
    onSelectRow: (event: EventDto, shift: boolean) => void;
    /** The header checkbox: every loaded row, or none when all are selected. */
    onSelectAllLoaded: () => void;
  };
}

const selectLabel = (e: EventDto) =>
  `Select: ${e.description.length > 60 ? `${e.description.slice(0, 60)}…` : e.description}`;

/**
 * The event log: TanStack Table for the columns, TanStack Virtual for the rows. Only the rows in view
 * (plus a few) exist in the DOM, their heights are measured as they render (evidence expands), and
 * the next page is requested as the user nears the end, so a million events scroll like a hundred.
 */
export function EventGrid(props: EventGridProps) {
  const { rows, timeZone, perms, onAction, onStar, selection } = props;
  const selectable = selection !== undefined;
  const onSelectRow = selection?.onSelectRow;
  const onSelectAllLoaded = selection?.onSelectAllLoaded;
  const columns = useMemo<ColumnDef<EventDto>[]>(
    () => [
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
          <Tooltip label={props.starredOnly ? 'Show all events' : 'Show only starred events'}>
            <ActionIcon
              variant="subtle"
              color="yellow"
              size="sm"
              aria-label="Show only starred events"
              aria-pressed={props.starredOnly}
              onClick={props.onToggleStarredOnly}
            >
              <IconStar filled={props.starredOnly} />
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
        cell: ({ row }) => <DescriptionCell event={row.original} />,
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
    ],
    [
      timeZone,
      perms,
      onAction,
      onStar,
      props.starredOnly,
      props.onToggleStarredOnly,
      onSelectRow,
      onSelectAllLoaded,
    ],
  );

  // Only the loaded rows count as selected (a row a teammate deleted drops out of the count).
  const selected = selection?.selected;
  const rowSelection = useMemo(() => {
    if (!selected?.size) return {};
    const ids = selectedAmong(
      selected,
      rows.map((r) => r.id),
    );
    return Object.fromEntries(ids.map((id) => [String(id), true]));
  }, [selected, rows]);
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (e) => String(e.id),
    manualSorting: true,
    manualFiltering: true,
    enableRowSelection: selectable,
    state: { rowSelection },
  });
  const tableRows = table.getRowModel().rows;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: tableRows.length + (props.hasNextPage ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 88,
    overscan: 6,
    getItemKey: (index) => tableRows[index]?.id ?? `loader-${index}`,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? (items[items.length - 1]?.index ?? 0) : 0;

  // Near the end of what is loaded: ask for the next page (one at a time).
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = props;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= tableRows.length - 15) fetchNextPage();
  }, [lastIndex, tableRows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  // A new filter or sort starts at the top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the sort/filter identity matters
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [props.resetKey]);

  const rowClass = selectable ? `${classes.row} ${classes.selectableRow}` : classes.row;
  return (
    <div className={classes.scroller} ref={scrollRef} data-testid="event-grid">
      <table
        className={`${classes.table} ${selectable ? classes.selectableTable : ''}`}
        aria-label="Events"
        aria-rowcount={tableRows.length + 1}
      >
        <thead className={classes.thead}>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} className={`${rowClass} ${classes.header}`}>
              {group.headers.map((header) => {
                const meta = header.column.columnDef.meta as GridMeta | undefined;
                const active = meta?.sort && props.sort.replace(/^-/, '') === meta.sort;
                const descending = props.sort.startsWith('-');
                const content = flexRender(header.column.columnDef.header, header.getContext());
                if (!meta?.sort)
                  return (
                    <th key={header.id} className={classes.headerCell}>
                      {content}
                    </th>
                  );
                const sortKey = meta.sort;
                // Newest / highest first on the first click, then ascending.
                const next = active && descending ? sortKey : `-${sortKey}`;
                return (
                  <th
                    key={header.id}
                    className={classes.headerCell}
                    aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}
                  >
                    <UnstyledButton className={classes.sortButton} onClick={() => props.onSort(next)}>
                      {content}
                      {active && (descending ? <IconSortDesc size={14} /> : <IconSortAsc size={14} />)}
                    </UnstyledButton>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        {tableRows.length === 0 ? (
          <tbody className={classes.emptyBody}>
            <tr>
              <td>{props.empty}</td>
            </tr>
          </tbody>
        ) : (
          <tbody className={classes.body} style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = tableRows[item.index];
              return (
                <tr
                  key={item.key}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  className={`${classes.virtualRow} ${row ? rowClass : ''} ${row?.getIsSelected() ? classes.selectedRow : ''}`}
                  style={{ transform: `translateY(${item.start}px)` }}
                  aria-rowindex={item.index + 2}
                  aria-selected={selectable && row ? row.getIsSelected() : undefined}
                  data-event-id={row?.original.id}
                >
                  {row ? (
                    row.getVisibleCells().map((cell) => {
                      const meta = cell.column.columnDef.meta as GridMeta | undefined;
                      return (
                        <td key={cell.id} className={meta?.bare ? classes.bareCell : classes.cell}>
                          {flexRender(cell.column.columnDef.cell, cell.getContext())}
                        </td>
                      );
                    })
                  ) : (
                    <td className={classes.loadingRow}>
                      <Text size="sm" c="dimmed">
                        Loading more events…
                      </Text>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        )}
      </table>
    </div>
  );
}

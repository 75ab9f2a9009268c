import { Text, UnstyledButton } from '@mantine/core';
import type { EventDto } from '@steppingstones/shared/events';
import { flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useEffect, useMemo, useRef } from 'react';
import { type Selection, selectedAmong } from '../../bulk/row-selection.ts';
import { IconSortAsc, IconSortDesc } from '../ui/event-icons.tsx';
import type { RowAction, RowPermissions } from './EventRowActions.tsx';
import { eventColumns, type GridMeta } from './event-columns.tsx';
import classes from './events.module.css';

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
  /** The row the keyboard is on (j / k): highlighted and kept in view. */
  activeId?: number | null;
  /** A click on a row (not on one of its controls) opens the event's page. */
  onOpen?: (event: EventDto) => void;
  /** Evidence as one line per row, expanded on click or with `o`. */
  compact?: boolean;
  /** Who else is editing which event (presence): a badge on the row. */
  editing?: ReadonlyMap<number, string[]>;
}

/** Clicks on a row's own controls (buttons, links, checkboxes) and text selections do not open it. */
function isRowOpenClick(e: React.MouseEvent): boolean {
  const target = e.target as HTMLElement;
  if (target.closest('button, a, input, label, textarea, [role="menuitem"]')) return false;
  const selected = window.getSelection()?.toString() ?? '';
  return selected.length === 0;
}

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
  const { starredOnly, onToggleStarredOnly, compact = false, editing } = props;
  const columns = useMemo(
    () =>
      eventColumns({
        timeZone,
        perms,
        onAction,
        onStar,
        starredOnly,
        onToggleStarredOnly,
        onSelectRow,
        onSelectAllLoaded,
        compact,
        editing,
      }),
    [
      timeZone,
      perms,
      onAction,
      onStar,
      starredOnly,
      onToggleStarredOnly,
      onSelectRow,
      onSelectAllLoaded,
      compact,
      editing,
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
    estimateSize: () => (compact ? 48 : 88),
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

  // The keyboard's row stays in view.
  const activeIndex =
    props.activeId == null ? -1 : tableRows.findIndex((r) => r.original.id === props.activeId);
  useEffect(() => {
    if (activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, virtualizer]);

  // A new filter or sort starts at the top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the sort/filter identity matters
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [props.resetKey]);

  const rowClass = selectable ? `${classes.row} ${classes.selectableRow}` : classes.row;
  return (
    <div className={classes.scroller} ref={scrollRef} data-testid="event-grid">
      <table
        className={`${classes.table} ${selectable ? classes.selectableTable : ''} ${compact ? classes.compact : ''}`}
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
                    <th key={header.id} className={classes.headerCell} data-col={header.column.id}>
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
                    data-col={header.column.id}
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
              const isActive = row !== undefined && row.original.id === props.activeId;
              return (
                <tr
                  key={item.key}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  className={`${classes.virtualRow} ${row ? rowClass : ''} ${row?.getIsSelected() ? classes.selectedRow : ''} ${isActive ? classes.activeRow : ''} ${props.onOpen ? classes.openableRow : ''}`}
                  style={{ transform: `translateY(${item.start}px)` }}
                  aria-current={isActive ? 'true' : undefined}
                  onClick={(e) => {
                    if (row && props.onOpen && isRowOpenClick(e)) props.onOpen(row.original);
                  }}
                  aria-rowindex={item.index + 2}
                  aria-selected={selectable && row ? row.getIsSelected() : undefined}
                  data-event-id={row?.original.id}
                >
                  {row ? (
                    row.getVisibleCells().map((cell) => {
                      const meta = cell.column.columnDef.meta as GridMeta | undefined;
                      const heading = cell.column.columnDef.header;
                      // At narrow widths cells stack, away from their header: they name themselves.
                      return (
                        <td
                          key={cell.id}
                          className={meta?.bare ? classes.bareCell : classes.cell}
                          data-col={cell.column.id}
                          data-label={typeof heading === 'string' ? heading : undefined}
                        >
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

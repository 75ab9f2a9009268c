import { ActionIcon, Anchor, Checkbox, Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import type { CredentialDto } from '@steppingstones/shared/credentials';
import { type ColumnDef, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useEffect, useMemo, useRef } from 'react';
import classes from './credentials.module.css';

export interface CredentialGridProps {
  rows: CredentialDto[];
  /** Secrets revealed in this session, by credential id. */
  revealed: ReadonlyMap<number, string | null>;
  selected: ReadonlySet<number>;
  onToggle: (id: number) => void;
  onToggleAll: () => void;
  onReveal: (c: CredentialDto) => void;
  onEdit?: (c: CredentialDto) => void;
  onDelete?: (c: CredentialDto) => void;
  sort: string;
  onSort: (sort: string) => void;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
  empty: ReactNode;
}

function SecretCell({
  c,
  revealed,
  onReveal,
}: {
  c: CredentialDto;
  revealed: ReadonlyMap<number, string | null>;
  onReveal: () => void;
}) {
  if (!c.has_secret)
    return (
      <Text size="sm" c="dimmed" fs="italic">
        {c.hash ? `${c.hash_type_name ?? 'Hash'} not cracked` : 'No secret'}
      </Text>
    );
  if (revealed.has(c.id)) {
    const s = revealed.get(c.id) ?? '';
    return s === '' ? (
      <Text size="sm" c="dimmed" fs="italic">
        Empty
      </Text>
    ) : (
      <Text size="sm" ff="monospace" data-testid="revealed-secret">
        {s}
      </Text>
    );
  }
  return (
    <Anchor component="button" size="sm" onClick={onReveal} aria-label={`Reveal the secret of ${c.account}`}>
      •••••• reveal
    </Anchor>
  );
}

const SORTABLE: Record<string, string> = { System: 'system', Account: 'account', Type: 'hash_type' };

/**
 * The vault: TanStack Table for the columns, TanStack Virtual for the rows, pages of 100 fetched
 * as the user nears the end, so a million credentials scroll like a hundred.
 */
export function CredentialGrid(props: CredentialGridProps) {
  const { rows, revealed, selected, onToggle, onReveal, onEdit, onDelete } = props;
  const columns = useMemo<ColumnDef<CredentialDto>[]>(
    () => [
      {
        id: 'select',
        header: () => (
          <Checkbox
            aria-label="Select every loaded credential"
            checked={rows.length > 0 && rows.every((r) => selected.has(r.id))}
            onChange={props.onToggleAll}
          />
        ),
        cell: ({ row }) => (
          <Checkbox
            aria-label={`Select ${row.original.account}`}
            checked={selected.has(row.original.id)}
            onChange={() => onToggle(row.original.id)}
          />
        ),
      },
      { id: 'System', header: 'System', cell: ({ row }) => row.original.system || '-' },
      {
        id: 'Account',
        header: 'Account',
        cell: ({ row }) => (
          <Text size="sm" fw={500}>
            {row.original.account || '-'}
          </Text>
        ),
      },
      { id: 'Type', header: 'Type', cell: ({ row }) => row.original.hash_type_name ?? 'Cleartext' },
      {
        id: 'Hash',
        header: 'Hash',
        cell: ({ row }) => (
          <span className={classes.hash} title={row.original.hash}>
            {row.original.hash || '-'}
          </span>
        ),
      },
      {
        id: 'Secret',
        header: 'Secret',
        cell: ({ row }) => (
          <SecretCell c={row.original} revealed={revealed} onReveal={() => onReveal(row.original)} />
        ),
      },
      {
        id: 'Purpose',
        header: 'Purpose',
        cell: ({ row }) => <span title={row.original.source ?? ''}>{row.original.purpose || '-'}</span>,
      },
      { id: 'Enabled', header: 'On', cell: ({ row }) => (row.original.enabled ? '✓' : '✗') },
      {
        id: 'actions',
        header: '',
        cell: ({ row }) => (
          <Group gap={4} wrap="nowrap">
            {onEdit && (
              <Tooltip label="Edit">
                <ActionIcon
                  variant="subtle"
                  aria-label={`Edit ${row.original.account}`}
                  onClick={() => onEdit(row.original)}
                >
                  ✎
                </ActionIcon>
              </Tooltip>
            )}
            {onDelete && (
              <Tooltip label="Delete">
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Delete ${row.original.account}`}
                  onClick={() => onDelete(row.original)}
                >
                  ✕
                </ActionIcon>
              </Tooltip>
            )}
          </Group>
        ),
      },
    ],
    [rows, revealed, selected, onToggle, onReveal, onEdit, onDelete, props.onToggleAll],
  );
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (c) => String(c.id),
  });
  const tableRows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: tableRows.length + (props.hasNextPage ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 38,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = props;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= tableRows.length - 20) fetchNextPage();
  }, [lastIndex, tableRows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  return (
    <div className={classes.scroller} ref={scrollRef} data-testid="credential-grid">
      <table className={classes.table} aria-label="Credentials">
        <thead className={classes.thead}>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} className={classes.row}>
              {group.headers.map((h) => {
                const key = SORTABLE[h.id];
                const content = flexRender(h.column.columnDef.header, h.getContext());
                if (!key)
                  return (
                    <th key={h.id} className={classes.cell}>
                      {content}
                    </th>
                  );
                const active = props.sort.replace(/^-/, '') === key;
                const next = active && !props.sort.startsWith('-') ? `-${key}` : key;
                return (
                  <th
                    key={h.id}
                    className={classes.cell}
                    aria-sort={active ? (props.sort.startsWith('-') ? 'descending' : 'ascending') : 'none'}
                  >
                    <UnstyledButton fz="xs" fw={650} onClick={() => props.onSort(next)}>
                      {content}
                      {active ? (props.sort.startsWith('-') ? ' ↓' : ' ↑') : ''}
                    </UnstyledButton>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        {tableRows.length === 0 ? (
          <tbody>
            <tr>
              <td className={classes.cell}>{props.empty}</td>
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
                  className={`${classes.virtualRow} ${classes.row}`}
                  style={{ transform: `translateY(${item.start}px)` }}
                  data-credential-id={row?.original.id}
                >
                  {row ? (
                    row.getVisibleCells().map((cell) => (
                      <td key={cell.id} className={classes.cell}>
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    ))
                  ) : (
                    <td className={classes.cell}>
                      <Text size="sm" c="dimmed">
                        Loading more credentials…
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

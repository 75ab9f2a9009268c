import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { IconChevronDown } from '../../components/icons.tsx';
import { errorMessage } from '../../lib/api-error.ts';
import { plural } from '../../lib/plural.ts';
import { BulkEditDialog, eventsLabel } from './BulkEditDialog.tsx';
import { StarAllDialog } from './StarAllDialog.tsx';
import { fetchStarredCount, starredQuery } from './starred-count.ts';

type Dialog =
  | { kind: 'edit-all'; count: number }
  | { kind: 'edit-starred'; count: number }
  | { kind: 'star'; starred: boolean; count: number };

/**
 * The toolbar's bulk actions over what the filter shows: edit them all, edit the starred ones among
 * them, star or unstar them all. Each dialog states the count it was opened with, and that count goes
 * to the server, which refuses if the matching events are no longer as many.
 */
export function BulkMenu({
  engagement,
  filterQuery,
  count,
  filtered,
  canChange,
}: {
  engagement: string;
  /** The grid filter as URL query (`filterToSearchParams(filter).toString()`). */
  filterQuery: string;
  /** The grid's count: a number, or capped text ("10000+") when too many to edit at once. */
  count: number | string;
  filtered: boolean;
  /** event.change; without it (event.change_limited) only Detected / Prevented can be set. */
  canChange: boolean;
}) {
  const client = useQueryClient();
  // The last dialog stays mounted with its count while it closes (no "0 events" flashing by).
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [opened, setOpened] = useState(false);
  const setOpen = (d: Dialog) => {
    setDialog(d);
    setOpened(true);
  };
  const open = opened ? dialog : null;
  const [counting, setCounting] = useState(false);
  const shown = typeof count === 'number' ? count : null;
  const where = filtered ? 'matching the filter' : `in ${engagement}`;

  const openStarred = async () => {
    setCounting(true);
    try {
      const n = await fetchStarredCount(client, engagement, filterQuery);
      if (typeof n === 'number') setOpen({ kind: 'edit-starred', count: n });
      else
        notifications.show({
          color: 'yellow',
          message: `${plural(Number(n), 'starred event')}: too many to edit at once. Narrow the filter.`,
        });
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error) });
    } finally {
      setCounting(false);
    }
  };
  const close = () => setOpened(false);

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" rightSection={<IconChevronDown size={14} />} loading={counting}>
            Bulk edit
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            {shown === null
              ? `${plural(Number(count), 'event')}: narrow the filter`
              : `The ${eventsLabel(shown)} ${where}`}
          </Menu.Label>
          <Menu.Item disabled={!shown} onClick={() => shown && setOpen({ kind: 'edit-all', count: shown })}>
            Edit all {shown?.toLocaleString() ?? ''} shown…
          </Menu.Item>
          <Menu.Item onClick={() => void openStarred()}>Edit the starred…</Menu.Item>
          {canChange && (
            <>
              <Menu.Divider />
              <Menu.Item
                disabled={!shown}
                onClick={() => shown && setOpen({ kind: 'star', starred: true, count: shown })}
              >
                Star all {shown?.toLocaleString() ?? ''} shown…
              </Menu.Item>
              <Menu.Item
                disabled={!shown}
                onClick={() => shown && setOpen({ kind: 'star', starred: false, count: shown })}
              >
                Unstar all {shown?.toLocaleString() ?? ''} shown…
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      <BulkEditDialog
        opened={open?.kind === 'edit-all'}
        onClose={close}
        engagement={engagement}
        target={{ filterQuery }}
        count={dialog?.count ?? 0}
        title={`Edit the ${eventsLabel(dialog?.count ?? 0)} shown`}
        scope={`Applies to every event ${where}.`}
        limited={!canChange}
      />
      <BulkEditDialog
        opened={open?.kind === 'edit-starred'}
        onClose={close}
        engagement={engagement}
        target={{ filterQuery: starredQuery(filterQuery) }}
        count={dialog?.count ?? 0}
        title={`Edit the ${eventsLabel(dialog?.count ?? 0, 'starred')}`}
        scope={
          dialog?.count === 0
            ? `No starred events ${where}: star some first.`
            : `Applies to the starred events ${where}, loaded or not.`
        }
        limited={!canChange}
      />
      <StarAllDialog
        opened={open?.kind === 'star'}
        starred={dialog?.kind === 'star' ? dialog.starred : true}
        onClose={close}
        engagement={engagement}
        filterQuery={filterQuery}
        count={dialog?.count ?? 0}
        filtered={filtered}
      />
    </>
  );
}

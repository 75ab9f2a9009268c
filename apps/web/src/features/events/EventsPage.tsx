import { Alert, Button, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { EventDto } from '@steppingstones/shared/events';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { IconPlus } from '../../components/icons.tsx';
import { ErrorState } from '../../components/QueryState.tsx';
import { errorMessage } from '../../lib/api-error.ts';
import { browserTimezone, formatDateTimeSeconds } from '../../lib/dates.ts';
import { can } from '../../lib/permissions.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useMe } from '../auth/use-me.ts';
import { BulkMenu } from '../bulk/BulkMenu.tsx';
import { SelectionBar } from '../bulk/SelectionBar.tsx';
import { useRowSelection } from '../bulk/use-row-selection.ts';
import { ExportImportMenu } from '../exchange/ExportImportMenu.tsx';
import { EventHistoryDrawer } from '../history/EventHistoryDrawer.tsx';
import { useLiveEventGrid } from '../live/use-live-event-grid.ts';
import { ReportingMenu } from '../plugins/ReportingMenu.tsx';
import { starEvent } from './api/events-api.ts';
import { EventFilterBar } from './grid/EventFilterBar.tsx';
import { EventGrid } from './grid/EventGrid.tsx';
import type { RowAction } from './grid/EventRowActions.tsx';
import {
  type EventFilterState,
  filterFromSearchParams,
  filterToSearchParams,
  isFiltered,
} from './grid/event-filter.ts';
import classes from './grid/events.module.css';
import { IgnoredWordsNote } from './grid/IgnoredWordsNote.tsx';
import { useDeleteWithUndo } from './grid/use-delete-with-undo.tsx';
import { useDensity } from './grid/use-density.ts';
import { patchEventInPages, useEventPages } from './grid/use-event-pages.ts';
import { useRememberedFilter } from './grid/use-remembered-filter.ts';
import { ShortcutsModal } from './keyboard/ShortcutsModal.tsx';
import { useEventLogKeys } from './keyboard/use-event-log-keys.ts';
import { useEditingPresence } from './presence/use-editing-presence.ts';

/** The event log of the current engagement: filter bar, virtualised grid, and the form drawer (child routes). */
export function EventsPage() {
  const me = useMe();
  const engagement = me.current_engagement;
  if (!engagement)
    return (
      <Alert color="yellow" title="No engagement selected" maw={640}>
        Choose the engagement you are working in from the switcher at the top of the page; its event log opens
        here.
      </Alert>
    );
  // One grid per engagement: switching engagements starts from that engagement's own last filter.
  return <EventLog key={engagement} engagement={engagement} />;
}

function EventLog({ engagement }: { engagement: string }) {
  const me = useMe();
  const zone = me.timezone ?? browserTimezone();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const filter = useMemo(() => filterFromSearchParams(params), [params]);
  const query = filterToSearchParams(filter).toString();

  // Reopen the grid where the user left it in this engagement, only when the URL names no filter,
  // and before the first request (so the unfiltered list is never fetched for nothing).
  const [restore] = useState(() => params.toString() === '' && location.pathname === '/events');
  const applyFilter = useCallback(
    (remembered: string) => setParams(new URLSearchParams(remembered), { replace: true }),
    [setParams],
  );
  const restored = useRememberedFilter({ userId: me.id, engagement, query, restore, apply: applyFilter });

  const setFilter = useCallback(
    (next: EventFilterState) => setParams(filterToSearchParams(next), { replace: false }),
    [setParams],
  );
  const pages = useEventPages(engagement, filter, restored);
  const selection = useRowSelection(pages.rows, query);
  // Teammates' creates, edits and deletes refetch the loaded pages in place.
  useLiveEventGrid(engagement);
  const [historyOf, setHistoryOf] = useState<number | null>(null);

  const perms = useMemo(
    () => ({
      add: can(me, 'event.add'),
      change: can(me, 'event.change'),
      changeLimited: can(me, 'event.change_limited'),
      delete: can(me, 'event.delete'),
    }),
    [me],
  );

  const [toDelete, setToDelete] = useState<EventDto | null>(null);
  const remove = useDeleteWithUndo(() => setToDelete(null));
  const star = useMutation({
    mutationFn: (e: EventDto) => starEvent(e.id, !e.starred),
    onMutate: (e) => patchEventInPages(queryClient, { ...e, starred: !e.starred }),
    onSuccess: (updated) => patchEventInPages(queryClient, updated),
    onError: (error, e) => {
      patchEventInPages(queryClient, e);
      notifications.show({ color: 'red', message: errorMessage(error) });
    },
  });

  const search = location.search;
  // Stable callbacks: the grid's columns are rebuilt only when something they show changes.
  const resetRemove = remove.reset;
  const onAction = useCallback(
    (action: RowAction, event: EventDto) => {
      if (action === 'history') {
        setHistoryOf(event.id);
        return;
      }
      if (action === 'delete') {
        resetRemove();
        setToDelete(event);
        return;
      }
      navigate({ pathname: `/events/${event.id}/${action}`, search });
    },
    [navigate, search, resetRemove],
  );
  const starMutate = star.mutate;
  const onStar = useCallback((e: EventDto) => starMutate(e), [starMutate]);
  const toggleStarredOnly = useCallback(
    () => setFilter({ ...filter, starred: !filter.starred }),
    [setFilter, filter],
  );
  const { fetchNextPage } = pages;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const seenOperators = useMemo(
    () => [...new Set(pages.rows.flatMap((r) => (r.operator ? [r.operator] : [])))].sort(),
    [pages.rows],
  );
  const openEvent = useCallback((e: EventDto) => navigate(`/events/${e.id}`), [navigate]);
  const [density, setDensity] = useDensity();
  const editing = useEditingPresence(engagement, me.username);
  usePageTitle('Events');
  const keys = useEventLogKeys({
    rows: pages.rows,
    active: location.pathname === '/events',
    perms,
    onAction,
    onStar,
    onOpen: openEvent,
    onSelect: perms.change || perms.changeLimited ? selection.onSelectRow : undefined,
    onNew: () => navigate({ pathname: '/events/new', search }),
  });

  const countLabel =
    pages.count === null
      ? ''
      : `${typeof pages.count === 'number' ? pages.count.toLocaleString() : pages.count} event${pages.count === 1 ? '' : 's'}`;

  return (
    <Stack gap={0} className={classes.page}>
      <Group justify="space-between" mb="sm" align="flex-end">
        <div>
          <Title order={2}>Events</Title>
          <Text c="dimmed" size="sm">
            Everything the team did in {engagement}, newest first{countLabel ? ` · ${countLabel}` : ''}
            {isFiltered(filter) ? ' matching the filter' : ''}. Times in {zone}.
          </Text>
        </div>
        <Group gap="sm">
          <SegmentedControl
            size="xs"
            value={density}
            onChange={(v) => setDensity(v === 'compact' ? 'compact' : 'comfortable')}
            data={[
              { value: 'comfortable', label: 'Comfortable' },
              { value: 'compact', label: 'Compact' },
            ]}
            aria-label="Row density"
          />
          {(perms.change || perms.changeLimited) && pages.count !== null && (
            <BulkMenu
              engagement={engagement}
              filterQuery={query}
              count={pages.count}
              filtered={isFiltered(filter)}
              canChange={perms.change}
            />
          )}
          <ReportingMenu engagement={engagement} filterQuery={query} disabled={pages.count === 0} />
          <ExportImportMenu engagement={engagement} filterQuery={query} canImport={perms.add} />
          {perms.add && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => navigate({ pathname: '/events/new', search })}
            >
              New event
            </Button>
          )}
        </Group>
      </Group>
      <EventFilterBar
        engagement={engagement}
        filter={filter}
        zone={zone}
        onChange={setFilter}
        seenOperators={seenOperators}
      />
      <IgnoredWordsNote words={filter.search ? pages.ignoredWords : []} />
      <SelectionBar
        engagement={engagement}
        selectedIds={selection.selectedIds}
        onClear={selection.clear}
        canChange={perms.change}
      />
      {pages.isError ? (
        <ErrorState error={pages.error} onRetry={() => pages.refetch()} title="Could not load the events" />
      ) : (
        <EventGrid
          rows={pages.rows}
          timeZone={zone}
          sort={filter.sort}
          onSort={(sort) => setFilter({ ...filter, sort })}
          perms={perms}
          onAction={onAction}
          onStar={onStar}
          starredOnly={filter.starred}
          onToggleStarredOnly={toggleStarredOnly}
          hasNextPage={pages.hasNextPage}
          isFetchingNextPage={pages.isFetchingNextPage}
          fetchNextPage={loadMore}
          resetKey={query}
          selection={perms.change || perms.changeLimited ? selection : undefined}
          activeId={keys.activeId}
          onOpen={openEvent}
          compact={density === 'compact'}
          editing={editing}
          empty={
            <div className={classes.loadingRow}>
              {pages.isPending
                ? 'Loading events…'
                : perms.add
                  ? 'No events found. Either add a new event or clear the filter.'
                  : 'No events found. You may need to clear the filter.'}
            </div>
          }
        />
      )}
      <ConfirmModal
        opened={toDelete !== null}
        onClose={() => setToDelete(null)}
        onConfirm={() => toDelete && remove.mutate(toDelete)}
        title="Delete this event?"
        confirmLabel="Delete event"
        loading={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
      >
        {toDelete && (
          <>
            Are you sure you want to delete the event at{' '}
            <strong>{formatDateTimeSeconds(toDelete.timestamp, zone)}</strong>: “{toDelete.description}”? Its
            file distributions go with it.
          </>
        )}
      </ConfirmModal>
      <EventHistoryDrawer eventId={historyOf} canRestore={perms.change} onClose={() => setHistoryOf(null)} />
      <ShortcutsModal opened={keys.helpOpen} onClose={keys.closeHelp} />
      <Outlet />
    </Stack>
  );
}

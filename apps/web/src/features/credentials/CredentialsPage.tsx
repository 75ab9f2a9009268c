import {
  Alert,
  Badge,
  Button,
  Checkbox,
  CloseButton,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type CredentialDto, HASH_TYPES } from '@steppingstones/shared/credentials';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/QueryState.tsx';
import { errorMessage } from '../../lib/api-error.ts';
import { can } from '../../lib/permissions.ts';
import { plural } from '../../lib/plural.ts';
import { useMe } from '../auth/use-me.ts';
import { ReportingMenu } from '../plugins/ReportingMenu.tsx';
import { CrackedModal } from './CrackedModal.tsx';
import { CredentialFormModal } from './CredentialFormModal.tsx';
import { CredentialGrid } from './CredentialGrid.tsx';
import {
  bulkDeleteCredentials,
  CREDENTIALS_KEY,
  type CredentialFilterState,
  credentialFilterParams,
  deleteCredential,
  EMPTY_FILTER,
  fetchSystems,
  hashmobConfigHref,
  revealCredential,
} from './credentials-api.ts';
import { DumpImportModal } from './DumpImportModal.tsx';
import { useCredentialPages } from './use-credential-pages.ts';

type Dialog =
  | { kind: 'dump' }
  | { kind: 'cracked' }
  | { kind: 'form'; editing: CredentialDto | null }
  | { kind: 'delete'; ids: number[]; label: string };

/**
 * The credential vault of the current engagement: every captured hash and password, server-side
 * filtered, sorted and paged; secrets masked until revealed (each reveal is audited).
 */
export function CredentialsPage() {
  const me = useMe();
  const engagement = me.current_engagement ?? '';
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [filter, setFilter] = useState<CredentialFilterState>(() => ({
    ...EMPTY_FILTER,
    event: Number(params.get('event')) || null,
  }));
  const [revealed, setRevealed] = useState<Map<number, string | null>>(new Map());
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const pages = useCredentialPages(engagement, filter);
  const systems = useQuery({
    queryKey: [...CREDENTIALS_KEY, 'systems', engagement],
    queryFn: () => fetchSystems(engagement),
    enabled: engagement !== '',
  });
  const refresh = useCallback(() => void client.invalidateQueries({ queryKey: CREDENTIALS_KEY }), [client]);
  const update = (change: Partial<CredentialFilterState>) => {
    setFilter((f) => ({ ...f, ...change }));
    setSelected(new Set());
  };
  const reveal = useCallback(async (c: CredentialDto) => {
    try {
      const shown = await revealCredential(c.id);
      setRevealed((m) => new Map(m).set(c.id, shown.secret));
    } catch (e) {
      notifications.show({ color: 'red', message: errorMessage(e) });
    }
  }, []);
  const toggle = useCallback((id: number) => {
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const rows = pages.rows;
  const toggleAll = useCallback(() => {
    setSelected((s) => (rows.every((r) => s.has(r.id)) ? new Set() : new Set(rows.map((r) => r.id))));
  }, [rows]);

  const confirmDelete = async (ids: number[]) => {
    try {
      if (ids.length === 1) await deleteCredential(ids[0] as number);
      else await bulkDeleteCredentials(engagement, ids);
      notifications.show({ color: 'green', message: `${plural(ids.length, 'credential')} deleted.` });
      setSelected(new Set());
      refresh();
    } catch (e) {
      notifications.show({ color: 'red', message: errorMessage(e) });
    } finally {
      setDialog(null);
    }
  };

  if (!engagement)
    return <Alert color="blue">Choose an engagement (top of the page) to see its credentials.</Alert>;
  const canAdd = can(me, 'credential.add');
  const canChange = can(me, 'credential.change');
  const canDelete = can(me, 'credential.delete');
  // Statistics and reports cover what the list shows: they get its filter.
  const filterQuery = credentialFilterParams(filter).toString();

  return (
    <Stack>
      <PageHeader
        title="Credentials"
        description="Every hash and password captured in this engagement. Secrets stay hidden until you reveal them; each reveal is recorded in the audit log."
        actions={
          <>
            <Button
              variant="default"
              component={Link}
              to={`/credentials/stats${filterQuery ? `?${filterQuery}` : ''}`}
            >
              Statistics
            </Button>
            <ReportingMenu engagement={engagement} filterQuery={filterQuery} type="credential-report" />
            {canAdd && (
              <Button onClick={() => setDialog({ kind: 'form', editing: null })}>Add credential</Button>
            )}
            {canAdd && (
              <Button variant="default" onClick={() => setDialog({ kind: 'dump' })}>
                Import dump
              </Button>
            )}
            {canChange && (
              <Button variant="default" onClick={() => setDialog({ kind: 'cracked' })}>
                Import cracked hashes
              </Button>
            )}
            {canChange && (
              <Button
                variant="subtle"
                component="a"
                href={hashmobConfigHref(engagement)}
                download="hashmob_config.ini"
              >
                HashMob uploader config
              </Button>
            )}
          </>
        }
      />
      <Group align="flex-end">
        <TextInput
          label="Search"
          placeholder="Account, system, purpose, secret or exact hash"
          value={filter.search}
          onChange={(e) => update({ search: e.currentTarget.value })}
          w={300}
        />
        <Select
          label="System"
          placeholder={`All systems${systems.data ? ` (${systems.data.total})` : ''}`}
          data={(systems.data?.results ?? []).map((s) => ({
            value: s.system,
            label: `${s.system || '(none)'} (${s.count})`,
          }))}
          value={filter.system}
          onChange={(v) => update({ system: v })}
          clearable
          searchable
          w={220}
        />
        <Select
          label="Hash type"
          placeholder="Any"
          data={HASH_TYPES.map((t) => ({ value: String(t.mode), label: `${t.name} (${t.mode})` }))}
          value={filter.hashType}
          onChange={(v) => update({ hashType: v })}
          clearable
          searchable
          w={220}
        />
        <SegmentedControl
          aria-label="Cracked"
          value={filter.cracked}
          onChange={(v) => update({ cracked: v as CredentialFilterState['cracked'] })}
          data={[
            { value: 'all', label: 'All' },
            { value: 'true', label: 'Cracked' },
            { value: 'false', label: 'Uncracked' },
          ]}
        />
        <Checkbox
          label="Enabled only"
          checked={filter.enabledOnly}
          onChange={(e) => update({ enabledOnly: e.currentTarget.checked })}
        />
        {filter.event !== null && (
          <Badge
            size="lg"
            variant="light"
            rightSection={
              <CloseButton
                size="xs"
                aria-label="Show every event's credentials"
                onClick={() => {
                  update({ event: null });
                  setParams({});
                }}
              />
            }
          >
            From event #{filter.event}
          </Badge>
        )}
        {canDelete && selected.size > 0 && (
          <Button
            color="red"
            variant="light"
            onClick={() =>
              setDialog({ kind: 'delete', ids: [...selected], label: plural(selected.size, 'credential') })
            }
          >
            Delete selected ({selected.size})
          </Button>
        )}
      </Group>
      {pages.isPending ? (
        <LoadingState label="Loading the vault…" />
      ) : pages.isError ? (
        <ErrorState error={pages.error} onRetry={() => pages.refetch()} />
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-label="Credential count">
            {plural(Number(pages.count), 'credential')}
          </Text>
          <CredentialGrid
            rows={rows}
            revealed={revealed}
            selected={selected}
            onToggle={toggle}
            onToggleAll={toggleAll}
            onReveal={(c) => void reveal(c)}
            {...(canChange ? { onEdit: (c: CredentialDto) => setDialog({ kind: 'form', editing: c }) } : {})}
            {...(canDelete
              ? {
                  onDelete: (c: CredentialDto) =>
                    setDialog({ kind: 'delete', ids: [c.id], label: c.account }),
                }
              : {})}
            sort={filter.sort}
            onSort={(sort) => update({ sort })}
            hasNextPage={pages.hasNextPage}
            isFetchingNextPage={pages.isFetchingNextPage}
            fetchNextPage={() => void pages.fetchNextPage()}
            empty={
              <Text c="dimmed">
                No credentials{filter.search || filter.system ? ' match' : ' yet: import a dump'}.
              </Text>
            }
          />
        </>
      )}
      {dialog?.kind === 'dump' && (
        <DumpImportModal engagement={engagement} onClose={() => setDialog(null)} onImported={refresh} />
      )}
      {dialog?.kind === 'cracked' && (
        <CrackedModal engagement={engagement} onClose={() => setDialog(null)} onImported={refresh} />
      )}
      {dialog?.kind === 'form' && (
        <CredentialFormModal
          engagement={engagement}
          editing={dialog.editing}
          revealedSecret={
            dialog.editing && revealed.has(dialog.editing.id) ? revealed.get(dialog.editing.id) : undefined
          }
          onClose={() => setDialog(null)}
          onSaved={refresh}
        />
      )}
      {dialog?.kind === 'delete' && (
        <Modal opened onClose={() => setDialog(null)} title="Delete credentials?">
          <Stack>
            <Text>
              Delete {dialog.label}? A current hash takes its password history with it. This cannot be undone.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDialog(null)}>
                Cancel
              </Button>
              <Button color="red" onClick={() => void confirmDelete(dialog.ids)}>
                Delete
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Stack>
  );
}

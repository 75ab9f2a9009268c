import {
  Alert,
  Autocomplete,
  Button,
  Checkbox,
  ColorSwatch,
  Group,
  Paper,
  Select,
  Stack,
  Text,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useVaultAccounts } from '../../credentials/use-vault-accounts.ts';
import { fetchContext, fetchContexts, fetchContextValues } from '../api/events-api.ts';
import { IconHost, IconProcess, IconUser } from '../ui/event-icons.tsx';
import { type ContextValue, emptyContext } from './form-values.ts';

const PARTS = [
  { key: 'host', label: 'Host', icon: IconHost },
  { key: 'user', label: 'User', icon: IconUser },
  { key: 'process', label: 'Process', icon: IconProcess },
] as const;

const describe = (c: { host: string; user: string; process: string }) =>
  [c.host, c.user, c.process].filter(Boolean).join(' · ') || '-';

/** One part (host, user or process), free text with suggestions from the engagement's contexts. */
function PartInput({
  engagement,
  field,
  label,
  icon: Icon,
  value,
  onChange,
  sideLabel,
}: {
  engagement: string;
  field: 'host' | 'user' | 'process';
  label: string;
  icon: (p: { size?: number }) => React.ReactNode;
  value: string;
  onChange: (v: string) => void;
  sideLabel: string;
}) {
  const [focused, setFocused] = useState(false);
  const [search] = useDebouncedValue(value, 250);
  const values = useQuery({
    queryKey: ['contexts', 'values', engagement, field, search],
    queryFn: () => fetchContextValues(engagement, field, search),
    enabled: focused,
    staleTime: 30_000,
  });
  const used = (values.data ?? []).filter((v) => v !== value);
  // User fields also offer the vault's accounts (red team roles only; the hook asks nothing otherwise).
  const vault = useVaultAccounts(engagement, search, focused && field === 'user').filter(
    (v) => v !== value && !used.includes(v),
  );
  const data = vault.length
    ? [
        ...(used.length ? [{ group: 'Used in this engagement', items: used }] : []),
        { group: 'Vault accounts', items: vault },
      ]
    : used;
  return (
    <Autocomplete
      label={label}
      aria-label={`${sideLabel} ${label.toLowerCase()}`}
      leftSection={<Icon size={14} />}
      value={value}
      onChange={onChange}
      onFocus={() => setFocused(true)}
      data={data}
      limit={35}
      maxLength={100}
      flex={1}
    />
  );
}

/**
 * Source or target: pick an existing context of the engagement (most recently used first) or type a
 * new one. Changing a picked context's parts makes a new context, unless the user explicitly edits
 * the shared one, which changes every event of the engagement using it (said before they save).
 */
export function ContextPicker({
  engagement,
  side,
  value,
  onChange,
  error,
}: {
  engagement: string;
  side: 'source' | 'target';
  value: ContextValue;
  onChange: (v: ContextValue) => void;
  error?: string;
}) {
  const sideLabel = side === 'source' ? 'Source' : 'Target';
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  // Once a context is picked the search box shows its label: that is not a search.
  const q = value.id !== null && debounced === describe(value) ? '' : debounced;
  const contexts = useQuery({
    queryKey: ['contexts', engagement, q],
    queryFn: () => fetchContexts(engagement, q),
    staleTime: 15_000,
  });
  const shared = useQuery({
    queryKey: ['contexts', 'one', value.id],
    queryFn: () => fetchContext(value.id as number),
    enabled: value.editShared && value.id !== null,
  });
  const options = (contexts.data ?? []).map((c) => ({
    value: String(c.id),
    label: describe(c),
    colour: c.colour,
  }));
  if (value.id !== null && !options.some((o) => o.value === String(value.id)))
    options.unshift({ value: String(value.id), label: describe(value), colour: value.colour ?? '#888888' });
  const colours = new Map(options.map((o) => [o.value, o.colour]));

  const setPart = (key: 'host' | 'user' | 'process', v: string) =>
    onChange(
      value.editShared
        ? { ...value, [key]: v }
        : { ...value, [key]: v, id: null, colour: null, redTeamInfrastructure: undefined },
    );

  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-end">
          <Select
            label={sideLabel}
            placeholder={`New ${side}… or pick an existing one`}
            data={options}
            value={value.id === null ? null : String(value.id)}
            searchable
            clearable
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options: o }) => o}
            nothingFoundMessage={contexts.isFetching ? 'Searching…' : 'No matching context'}
            onChange={(id) => {
              if (!id) return onChange(emptyContext());
              const c = contexts.data?.find((x) => String(x.id) === id);
              if (c)
                onChange({
                  id: c.id,
                  host: c.host,
                  user: c.user,
                  process: c.process,
                  colour: c.colour,
                  editShared: false,
                  redTeamInfrastructure: c.red_team_infrastructure,
                });
            }}
            renderOption={({ option }) => (
              <Group gap="xs" wrap="nowrap">
                <ColorSwatch color={colours.get(option.value) ?? '#888'} size={12} />
                <Text size="sm">{option.label}</Text>
              </Group>
            )}
            leftSection={value.colour ? <ColorSwatch color={value.colour} size={12} /> : undefined}
            error={error}
            flex={1}
            comboboxProps={{ withinPortal: true }}
          />
          {value.id !== null && (
            <Button
              variant={value.editShared ? 'light' : 'default'}
              color={value.editShared ? 'orange' : undefined}
              onClick={() => onChange({ ...value, editShared: !value.editShared })}
            >
              {value.editShared ? 'Stop editing shared' : 'Edit shared…'}
            </Button>
          )}
        </Group>
        {value.editShared && (
          <Alert color="orange" variant="light" p="xs">
            Changes below also apply to every other event of this engagement that uses this context as its
            source or target
            {shared.data
              ? ` (${shared.data.event_count} event${shared.data.event_count === 1 ? '' : 's'} in all)`
              : ''}
            .
          </Alert>
        )}
        {value.editShared && value.host.trim() !== '' && (
          <Checkbox
            label="Red team infrastructure (attacker VPS, cracking box)"
            aria-label={`Red team infrastructure: the ${sideLabel.toLowerCase()} context's host (attacker VPS, cracking box)`}
            description="The IOC report lists this host apart from the client's hosts."
            checked={value.redTeamInfrastructure ?? false}
            onChange={(e) => onChange({ ...value, redTeamInfrastructure: e.currentTarget.checked })}
          />
        )}
        <Group gap="xs" grow>
          {PARTS.map((p) => (
            <PartInput
              key={p.key}
              engagement={engagement}
              field={p.key}
              label={p.label}
              icon={p.icon}
              value={value[p.key]}
              onChange={(v) => setPart(p.key, v)}
              sideLabel={sideLabel}
            />
          ))}
        </Group>
      </Stack>
    </Paper>
  );
}

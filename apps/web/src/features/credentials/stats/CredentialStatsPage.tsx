import {
  Alert,
  Anchor,
  Badge,
  Card,
  Checkbox,
  CloseButton,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { CredentialStatsDto } from '@steppingstones/shared/credential-stats';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../../components/QueryState.tsx';
import { errorMessage } from '../../../lib/api-error.ts';
import { canIn } from '../../../lib/permissions.ts';
import { plural } from '../../../lib/plural.ts';
import { useMe } from '../../auth/use-me.ts';
import { credentialFilterFromParams, credentialFilterParams, fetchSystems } from '../credentials-api.ts';
import { CrackingAids } from './CrackingAids.tsx';
import { StatsChart } from './StatsChart.tsx';
import { StatsTable } from './StatsTable.tsx';
import { fetchEngagement, fetchStats, type StatsFilter, setBreachChecks } from './stats-api.ts';

const pct = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 1000) / 10}%` : '0%');

function Overview({ s }: { s: CredentialStatsDto }) {
  return (
    <Card withBorder>
      <Title order={4} mb="xs">
        Overview
      </Title>
      <Text>
        Secrets known for {s.cracked_user_accounts} of {s.unique_user_accounts} unique user accounts (
        {pct(s.cracked_user_accounts, s.unique_user_accounts)}).
      </Text>
      <Text>
        Secrets known for {s.cracked_machine_accounts} of {s.unique_machine_accounts} machine or managed
        service accounts ({pct(s.cracked_machine_accounts, s.unique_machine_accounts)}).
      </Text>
      <Text>{plural(s.password_is_username, 'account')} where the password is the username.</Text>
      <Text>
        {s.breached_user_accounts} of {s.unique_user_accounts} user accounts use passwords found in breach
        data
        {s.breach_checks_pending
          ? ` (${plural(s.breach_checks_pending, 'hash', 'hashes')} not checked yet)`
          : ''}
        .
      </Text>
    </Card>
  );
}

function BreachSwitch({ engagement }: { engagement: string }) {
  const client = useQueryClient();
  const current = useQuery({
    queryKey: ['engagement', engagement],
    queryFn: () => fetchEngagement(engagement),
  });
  const change = useMutation({
    mutationFn: (on: boolean) => setBreachChecks(engagement, on),
    onSuccess: () => client.invalidateQueries({ queryKey: ['engagement', engagement] }),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  return (
    <Switch
      label="Breached-password checks for this engagement"
      description="Sends 5-character hash prefixes to the range API (or reads the local corpus)."
      checked={current.data?.breach_checks ?? false}
      disabled={current.isPending || change.isPending}
      onChange={(e) => change.mutate(e.currentTarget.checked)}
    />
  );
}

/** The parts of the list's filter the page has no control for, each removable. */
function FilterBadges({
  filter,
  onClear,
}: {
  filter: StatsFilter;
  onClear: (change: Partial<StatsFilter>) => void;
}) {
  const parts: Array<[string, Partial<StatsFilter>]> = [];
  if (filter.search.trim()) parts.push([`Search: ${filter.search.trim()}`, { search: '' }]);
  if (filter.hashType !== null) parts.push([`Hash type ${filter.hashType}`, { hashType: null }]);
  if (filter.cracked !== 'all')
    parts.push([filter.cracked === 'true' ? 'Cracked only' : 'Uncracked only', { cracked: 'all' }]);
  if (filter.event !== null) parts.push([`From event #${filter.event}`, { event: null }]);
  return parts.map(([label, change]) => (
    <Badge
      key={label}
      size="lg"
      variant="light"
      rightSection={
        <CloseButton size="xs" aria-label={`Remove the filter ${label}`} onClick={() => onClear(change)} />
      }
    >
      {label}
    </Badge>
  ));
}

/** Password statistics of the current engagement's vault, with the filter in every request. */
export function CredentialStatsPage() {
  const me = useMe();
  const engagement = me.current_engagement ?? '';
  const [params] = useSearchParams();
  // Opened from the vault list, the page starts with the list's filter (carried in the URL).
  const [filter, setFilter] = useState<StatsFilter>(() => credentialFilterFromParams(params));
  const systems = useQuery({
    queryKey: ['credentials', 'systems', engagement],
    queryFn: () => fetchSystems(engagement),
    enabled: engagement !== '',
  });
  const stats = useQuery({
    queryKey: ['credential-stats', engagement, filter],
    queryFn: () => fetchStats(engagement, filter),
    enabled: engagement !== '',
  });
  if (!engagement) return <Alert color="yellow">Choose an engagement first.</Alert>;
  const s = stats.data;
  return (
    <Stack>
      <PageHeader
        title="Password statistics"
        actions={
          <Anchor component={Link} to={`/credentials?${credentialFilterParams(filter)}`}>
            Back to the vault
          </Anchor>
        }
      />
      <Group>
        <Select
          label="System"
          placeholder="All systems"
          clearable
          data={(systems.data?.results ?? []).map((x) => ({
            value: x.system,
            label: `${x.system || '-'} (${x.count})`,
          }))}
          value={filter.system}
          onChange={(system) => setFilter((f) => ({ ...f, system }))}
        />
        <Checkbox
          label="Enabled accounts only"
          checked={filter.enabledOnly}
          onChange={(e) => setFilter((f) => ({ ...f, enabledOnly: e.currentTarget.checked }))}
        />
        <FilterBadges filter={filter} onClear={(change) => setFilter((f) => ({ ...f, ...change }))} />
        {canIn(me, engagement, 'engagement.change') && <BreachSwitch engagement={engagement} />}
      </Group>
      {stats.isPending ? (
        <LoadingState />
      ) : stats.isError || !s ? (
        <ErrorState error={stats.error} />
      ) : (
        <>
          <Overview s={s} />
          <SimpleGrid cols={{ base: 1, lg: 3 }}>
            <StatsChart
              engagement={engagement}
              filter={filter}
              chartKey="png-password-lengths"
              title="Password lengths"
            />
            <StatsChart
              engagement={engagement}
              filter={filter}
              chartKey="chart-password-complexity"
              title="Complexity"
            />
            <StatsChart
              engagement={engagement}
              filter={filter}
              chartKey="chart-password-structure"
              title="Structure"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <StatsTable
              title="Hash types"
              head={['Hash type', 'Credentials', 'Cracked']}
              rows={s.hash_types.map((t) => [t.name, t.count, t.cracked])}
            />
            <StatsTable
              title="Most reused passwords"
              head={['Password', 'Accounts']}
              rows={s.reused.map((r) => [r.secret === '' ? '(blank)' : r.secret, r.accounts])}
            />
            <StatsTable
              title="Weakest passwords"
              head={['Password', 'Breach count', 'Accounts']}
              rows={s.weakest.map((w) => [w.secret ?? '(not cracked yet)', w.breach_count, w.accounts])}
            />
            <StatsTable
              title="Character masks"
              head={['Mask', 'Passwords', 'Keyspace']}
              rows={s.masks.map((m) => [m.mask, m.count, m.keyspace.toExponential(2)])}
            />
            <StatsTable
              title="Common prefixes"
              head={['Word (digits/symbols appended)', 'Variants']}
              rows={s.prefixes.map((p) => [p.value, p.count])}
            />
            <StatsTable
              title="Common suffixes"
              head={['Word (digits/symbols put before)', 'Variants']}
              rows={s.suffixes.map((p) => [p.value, p.count])}
            />
          </SimpleGrid>
          {s.reuse_across_systems && (
            <StatsTable
              title="Password reuse across systems"
              head={['Account', 'Cracked', 'Systems']}
              rows={s.reuse_across_systems.rows.map((r) => [
                r.account,
                r.cracked ? 'Y' : 'N',
                r.systems.join(', '),
              ])}
            />
          )}
          <CrackingAids engagement={engagement} filter={filter} />
        </>
      )}
    </Stack>
  );
}

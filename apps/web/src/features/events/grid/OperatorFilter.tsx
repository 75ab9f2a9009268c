import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { can } from '../../../lib/permissions.ts';
import { useMe } from '../../auth/use-me.ts';
import { fetchOperators } from '../api/events-api.ts';

/**
 * The operator filter picks one of the engagement's members (by name, showing the username). The team
 * list is for those who record events; the blue team picks among the operators the log shows.
 */
export function OperatorFilter({
  engagement,
  value,
  onChange,
  seen,
}: {
  engagement: string;
  value: string;
  onChange: (username: string) => void;
  /** Operators seen in the loaded rows: the choices of those who may not list the team. */
  seen?: string[];
}) {
  const mayList = can(useMe(), 'event.add');
  const team = useQuery({
    queryKey: ['operators', engagement],
    queryFn: () => fetchOperators(engagement),
    staleTime: 60_000,
    enabled: mayList,
  });
  const members = mayList ? (team.data ?? []) : (seen ?? []).map((u) => ({ username: u, display_name: u }));
  const data = members.map((o) => ({
    value: o.username,
    label: o.display_name && o.display_name !== o.username ? `${o.display_name} (${o.username})` : o.username,
  }));
  // A filter from an old link may name someone who left: still shown, so it can be cleared.
  if (value && !data.some((d) => d.value === value)) data.push({ value, label: value });
  return (
    <Select
      size="xs"
      label="Operator"
      placeholder="Anyone"
      data={data}
      value={value || null}
      searchable
      clearable
      w={170}
      onChange={(v) => onChange(v ?? '')}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

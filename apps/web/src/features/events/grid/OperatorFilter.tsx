import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { fetchOperators } from '../api/events-api.ts';

/** The operator filter picks one of the engagement's members (by name, showing the username). */
export function OperatorFilter({
  engagement,
  value,
  onChange,
}: {
  engagement: string;
  value: string;
  onChange: (username: string) => void;
}) {
  const team = useQuery({
    queryKey: ['operators', engagement],
    queryFn: () => fetchOperators(engagement),
    staleTime: 60_000,
  });
  const data = (team.data ?? []).map((o) => ({
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

import { Autocomplete } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { fetchOperators } from '../api/events-api.ts';

/**
 * The operator: a username typed or picked from the engagement's team. Free text stays possible (the
 * server accepts any active member or administrator and says which name it does not know).
 */
export function OperatorField({
  engagement,
  value,
  onChange,
  error,
}: {
  engagement: string;
  value: string;
  onChange: (username: string) => void;
  error?: string;
}) {
  const operators = useQuery({
    queryKey: ['operators', engagement],
    queryFn: () => fetchOperators(engagement),
    // Fetched again when a form opens: a teammate added mid-engagement should be offered at once.
    staleTime: 0,
  });
  const team = operators.data ?? [];
  const displayName = new Map(team.map((o) => [o.username, o.display_name]));
  return (
    <Autocomplete
      label="Operator"
      description="Who did it: a member of the team"
      value={value}
      onChange={onChange}
      data={team.map((o) => o.username)}
      renderOption={({ option }) => {
        const name = displayName.get(option.value);
        return name && name !== option.value ? `${option.value} (${name})` : option.value;
      }}
      error={error}
      w={260}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

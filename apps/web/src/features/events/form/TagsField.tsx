import { TagsInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchTags } from '../api/events-api.ts';

/** Tags with autocomplete from the engagement; case-insensitive, so an existing spelling is reused. */
export function TagsField({
  engagement,
  value,
  onChange,
  error,
}: {
  engagement: string;
  value: string[];
  onChange: (tags: string[]) => void;
  error?: string;
}) {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search, 200);
  const tags = useQuery({
    queryKey: ['tags', engagement, 'search', query],
    queryFn: () => fetchTags(engagement, query, 50),
    staleTime: 30_000,
  });
  const names = (tags.data ?? []).map((t) => t.name);
  return (
    <TagsInput
      label="Tags"
      placeholder="Type a tag and press Enter"
      data={names}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(next) => {
        const known = new Map(names.map((t) => [t.toLowerCase(), t]));
        const seen = new Set<string>();
        const out: string[] = [];
        for (const t of next) {
          const name = known.get(t.toLowerCase()) ?? t;
          if (!seen.has(name.toLowerCase())) out.push(name);
          seen.add(name.toLowerCase());
        }
        onChange(out);
      }}
      error={error}
      clearable
      comboboxProps={{ withinPortal: true }}
    />
  );
}

import { Button, CloseButton, Group, Pill, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';

/** The event log's and the vault's filter parameters as a person reads them. */
const LABELS: Record<string, string> = {
  system: 'System',
  account: 'Account',
  hash_type: 'Hash type',
  cracked: 'Cracked',
  enabled: 'Enabled',
  source: 'Source',
  event: 'Event',
  search: 'Search',
  tag: 'Tag',
  untagged: 'Untagged',
  tactic: 'Tactic',
  technique: 'Technique',
  detected: 'Detected',
  prevented: 'Prevented',
  operator: 'Operator',
  starred: 'Starred',
  from: 'From',
  to: 'To',
};

interface Props {
  /** The viewer's URL parameters (engagement and the report's own parameters are left out here). */
  values: URLSearchParams;
  /** Names of the report's own parameters: shown by ReportParams, not as filter. */
  ownParams: string[];
  /** What the filter applies to, for the sentence: "events" or "credentials". */
  noun: string;
  onChange: (next: URLSearchParams) => void;
}

/**
 * States the filter the report was made with, and lets the reader change it in place: each condition
 * can be removed, and the search text edited, without going back to the grid.
 */
export function ReportFilter({ values, ownParams, noun, onChange }: Props) {
  const skip = new Set(['engagement', 'format', ...ownParams]);
  const entries = [...values.entries()].filter(([name]) => !skip.has(name));
  const [text, setText] = useState(values.get('search') ?? '');
  useEffect(() => setText(values.get('search') ?? ''), [values]);

  const remove = (name: string) => {
    const next = new URLSearchParams(values);
    next.delete(name);
    onChange(next);
  };
  const applySearch = () => {
    const next = new URLSearchParams(values);
    if (text.trim()) next.set('search', text.trim());
    else next.delete('search');
    onChange(next);
  };

  return (
    <div data-testid="report-filter">
      <Group gap="xs" align="center">
        <Text size="sm" fw={500}>
          Filter:
        </Text>
        {entries.length === 0 ? (
          <Text size="sm">none, every {noun.replace(/s$/, '')} of the engagement</Text>
        ) : (
          entries.map(([name, value]) => (
            <Pill key={name} size="md">
              <Group gap={4} wrap="nowrap">
                <span>
                  {LABELS[name] ?? name}: {value}
                </span>
                <CloseButton
                  size="xs"
                  aria-label={`Remove ${LABELS[name] ?? name}`}
                  onClick={() => remove(name)}
                />
              </Group>
            </Pill>
          ))
        )}
      </Group>
      <Group gap="xs" mt="xs" align="flex-end">
        <TextInput
          size="xs"
          label={`Search the ${noun}`}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') applySearch();
          }}
        />
        <Button size="xs" variant="default" onClick={applySearch}>
          Apply
        </Button>
      </Group>
    </div>
  );
}

import { Button, Chip, Group, MultiSelect, Paper, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { IconSearch } from '../../../components/icons.tsx';
import { fetchTags } from '../api/events-api.ts';
import { useTactics, useTechniques } from '../api/use-attack.ts';
import { detectedOptions, preventedOptions } from '../ui/choices.ts';
import { IconFilterOff } from '../ui/event-icons.tsx';
import { type EventFilterState, isFiltered } from './event-filter.ts';
import classes from './events.module.css';
import { OperatorFilter } from './OperatorFilter.tsx';
import { TimeBoundFilter } from './TimeBoundFilter.tsx';

const UNTAGGED = '__untagged__';
/** Chosen values stay on one line (scrolling sideways), so picking a third one never grows the row. */
const oneLine = { pillsList: classes.oneLinePills };

/** A text box that updates the filter a moment after typing stops (each keystroke is not a request). */
function DebouncedText({
  value,
  onChange,
  ...props
}: { value: string; onChange: (v: string) => void } & Omit<
  React.ComponentProps<typeof TextInput>,
  'onChange' | 'value'
>) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = useDebouncedCallback(onChange, 300);
  return (
    <TextInput
      {...props}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        commit(e.currentTarget.value);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onChange(text);
      }}
    />
  );
}

export function EventFilterBar({
  engagement,
  filter,
  zone,
  onChange,
  seenOperators,
}: {
  engagement: string;
  filter: EventFilterState;
  zone: string;
  onChange: (next: EventFilterState) => void;
  /** Operators of the loaded rows (the operator choices of users who may not list the team). */
  seenOperators?: string[];
}) {
  const set = <K extends keyof EventFilterState>(key: K, value: EventFilterState[K]) =>
    onChange({ ...filter, [key]: value });
  const tags = useQuery({
    queryKey: ['tags', engagement],
    queryFn: () => fetchTags(engagement, '', 1000),
    staleTime: 30_000,
  });
  const tactics = useTactics();
  const techniques = useTechniques(filter.tactic || null);

  const tagData = [
    { value: UNTAGGED, label: '(untagged)' },
    ...(tags.data ?? []).map((t) => ({ value: t.name, label: t.name })),
  ];
  const tagValue = filter.untagged ? [UNTAGGED, ...filter.tag] : filter.tag;

  return (
    <Paper withBorder p="sm" mb="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <DebouncedText
          size="xs"
          label="Search"
          placeholder="Description, evidence, outcome, hosts, users, tags…"
          leftSection={<IconSearch size={14} />}
          value={filter.search}
          onChange={(v) => set('search', v)}
          w={250}
          aria-label="Search events"
        />
        <MultiSelect
          size="xs"
          label="Tags"
          placeholder={tagValue.length ? undefined : 'Any tag'}
          data={tagData}
          value={tagValue}
          searchable
          clearable
          w={170}
          onChange={(v) => {
            const untagged = v.includes(UNTAGGED) && !filter.untagged;
            // "Untagged" and specific tags exclude each other: the latest choice wins.
            if (untagged) return onChange({ ...filter, untagged: true, tag: [] });
            onChange({ ...filter, untagged: false, tag: v.filter((t) => t !== UNTAGGED) });
          }}
        />
        <Select
          size="xs"
          label="Tactic"
          placeholder="Any tactic"
          data={(tactics.data ?? []).map((t) => ({ value: t.id, label: `${t.id} ${t.name}` }))}
          value={filter.tactic || null}
          searchable
          clearable
          w={190}
          onChange={(v) => onChange({ ...filter, tactic: v ?? '', technique: '' })}
        />
        <Select
          size="xs"
          label="Technique"
          placeholder={filter.tactic ? 'Any technique' : 'Pick a tactic first'}
          disabled={!filter.tactic}
          data={(techniques.data ?? []).map((t) => ({ value: t.id, label: `${t.id} ${t.name}` }))}
          value={filter.technique || null}
          searchable
          clearable
          w={210}
          onChange={(v) => set('technique', v ?? '')}
        />
        <MultiSelect
          size="xs"
          label="Detected"
          placeholder={filter.detected.length ? undefined : 'Any'}
          data={detectedOptions}
          value={filter.detected}
          clearable
          w={160}
          classNames={oneLine}
          onChange={(v) => set('detected', v)}
        />
        <MultiSelect
          size="xs"
          label="Prevented"
          placeholder={filter.prevented.length ? undefined : 'Any'}
          data={preventedOptions}
          value={filter.prevented}
          clearable
          w={160}
          classNames={oneLine}
          onChange={(v) => set('prevented', v)}
        />
        <OperatorFilter
          engagement={engagement}
          value={filter.operator}
          onChange={(v) => set('operator', v)}
          seen={seenOperators}
        />
        <TimeBoundFilter
          label={`From (${zone})`}
          value={filter.from}
          zone={zone}
          onChange={(v) => set('from', v)}
        />
        <TimeBoundFilter
          label={`To (${zone})`}
          value={filter.to}
          zone={zone}
          onChange={(v) => set('to', v)}
        />
        <Chip size="xs" checked={filter.starred} onChange={(v) => set('starred', v)} color="yellow" mb={4}>
          Starred only
        </Chip>
        <Chip
          size="xs"
          checked={filter.blueComments}
          onChange={(v) => set('blueComments', v)}
          color="blue"
          mb={4}
        >
          Blue team commented
        </Chip>
        {/* Always there (hidden when nothing is filtered): the row keeps its layout as filters change. */}
        <Button
          size="xs"
          variant="subtle"
          color="gray"
          leftSection={<IconFilterOff size={14} />}
          onClick={() => onChange({ ...filter, ...clearAll })}
          className={isFiltered(filter) ? undefined : classes.invisible}
          aria-hidden={!isFiltered(filter)}
          tabIndex={isFiltered(filter) ? undefined : -1}
        >
          Clear filters
        </Button>
      </Group>
    </Paper>
  );
}

const clearAll: Omit<EventFilterState, 'sort'> = {
  search: '',
  tag: [],
  untagged: false,
  tactic: '',
  technique: '',
  detected: [],
  prevented: [],
  operator: '',
  starred: false,
  blueComments: false,
  from: '',
  to: '',
};

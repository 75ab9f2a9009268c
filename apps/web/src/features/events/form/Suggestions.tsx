import { Button, Group, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchSuggestions, type SuggestionDto } from '../api/attack-api.ts';
import { useTactics, useTechnique } from '../api/use-attack.ts';
import { IconBulb } from '../ui/event-icons.tsx';
import type { AttackSelection } from './AttackPicker.tsx';

/** What applying a suggestion sets: its ATT&CK ids (none for a description-only choice) and description. */
export type SuggestionChoice = Pick<SuggestionDto, 'technique_id' | 'subtechnique_id' | 'description'> & {
  tactic_id: string | null;
};

const key = (s: SuggestionDto) =>
  `${s.tactic_id}|${s.technique_id}|${s.subtechnique_id}|${s.description ?? ''}`;

function SuggestionButton({ s, onApply }: { s: SuggestionDto; onApply: (s: SuggestionChoice) => void }) {
  const tactics = useTactics();
  const techniqueId = s.subtechnique_id ?? s.technique_id;
  const technique = useTechnique(techniqueId);
  const tactic = tactics.data?.find((t) => t.id === s.tactic_id);
  const label = [
    tactic?.name ?? s.tactic_id,
    technique.data ? `${techniqueId} ${technique.data.name}` : techniqueId,
  ]
    .filter(Boolean)
    .join(' – ');
  return (
    <Button
      size="compact-sm"
      variant="light"
      color="teal"
      leftSection={<IconBulb size={14} />}
      onClick={() => onApply(s)}
      title={s.description ?? undefined}
    >
      {label || s.description}
    </Button>
  );
}

/**
 * Suggestions from the rule table as the description and raw evidence are typed (debounced): ATT&CK
 * choices, and description foundations while the description is still empty. One click applies one.
 */
export function Suggestions({
  description,
  rawEvidence,
  current,
  onApply,
}: {
  description: string;
  rawEvidence: string;
  current: AttackSelection;
  onApply: (s: SuggestionChoice) => void;
}) {
  const [input] = useDebouncedValue({ description, raw_evidence: rawEvidence }, 400);
  const suggestions = useQuery({
    queryKey: ['suggestions', input.description, input.raw_evidence],
    queryFn: ({ signal }) => fetchSuggestions(input, signal),
    enabled: (input.description + input.raw_evidence).trim().length > 2,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });
  const seen = new Set<string>();
  const attack = (suggestions.data ?? []).filter((s) => {
    if (!s.tactic_id) return false;
    const same =
      s.tactic_id === current.tactic &&
      (s.technique_id ?? null) === current.technique &&
      (s.subtechnique_id ?? null) === current.subtechnique;
    const k = `${s.tactic_id}|${s.technique_id}|${s.subtechnique_id}`;
    if (same || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const foundations = description.trim()
    ? []
    : [
        ...new Map(
          (suggestions.data ?? []).filter((s) => s.description).map((s) => [s.description, s]),
        ).values(),
      ];
  if (attack.length === 0 && foundations.length === 0) return null;
  return (
    <Group gap="xs" data-testid="suggestions">
      <Text size="xs" c="dimmed" fw={600}>
        Suggestions:
      </Text>
      {attack.map((s) => (
        <SuggestionButton key={key(s)} s={s} onApply={onApply} />
      ))}
      {foundations.map((s) => (
        <Button
          key={`d-${key(s)}`}
          size="compact-sm"
          variant="light"
          color="grape"
          onClick={() => onApply({ ...s, tactic_id: null, technique_id: null, subtechnique_id: null })}
        >
          Description: {s.description}
        </Button>
      ))}
    </Group>
  );
}

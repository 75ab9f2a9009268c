import { ActionIcon, Group, Select, Tooltip } from '@mantine/core';
import { attackUrl } from '../api/attack-api.ts';
import { useTactics, useTechnique, useTechniques } from '../api/use-attack.ts';
import { IconExternal } from '../ui/event-icons.tsx';

export interface AttackSelection {
  tactic: string | null;
  technique: string | null;
  subtechnique: string | null;
}

function InfoLink({ id, what }: { id: string | null; what: string }) {
  return (
    <Tooltip label={id ? `Open ${id} on attack.mitre.org` : `Pick a ${what} first`}>
      <ActionIcon
        component="a"
        href={id ? attackUrl(id) : undefined}
        target="_blank"
        rel="noopener noreferrer"
        variant="default"
        size={36}
        aria-label={`Open the ${what} on attack.mitre.org`}
        data-disabled={!id || undefined}
        onClick={(e) => !id && e.preventDefault()}
      >
        <IconExternal />
      </ActionIcon>
    </Tooltip>
  );
}

/**
 * Tactic → technique → sub-technique, each searchable (by id or name) and linked to attack.mitre.org.
 * Changing a level clears the levels under it, so the selection always obeys the four rules.
 */
export function AttackPicker({
  value,
  onChange,
  errors,
}: {
  value: AttackSelection;
  onChange: (v: AttackSelection) => void;
  errors: { tactic?: string; technique?: string; subtechnique?: string };
}) {
  const tactics = useTactics();
  const techniques = useTechniques(value.tactic);
  const technique = useTechnique(value.technique);
  const subs = technique.data?.subtechniques ?? [];
  const label = (t: { id: string; name: string }) => ({ value: t.id, label: `${t.id} ${t.name}` });
  const techniqueData = (techniques.data ?? []).map(label);
  // A stored technique missing from the list (deprecated since) still shows.
  if (value.technique && !techniqueData.some((t) => t.value === value.technique))
    techniqueData.unshift({ value: value.technique, label: value.technique });

  return (
    <Group gap="xs" align="flex-start" grow preventGrowOverflow={false}>
      <Group gap={4} wrap="nowrap" align="flex-end">
        <Select
          label="Tactic"
          placeholder="None"
          data={(tactics.data ?? []).map(label)}
          value={value.tactic}
          onChange={(tactic) => onChange({ tactic, technique: null, subtechnique: null })}
          searchable
          clearable
          error={errors.tactic}
          flex={1}
          comboboxProps={{ withinPortal: true }}
        />
        <InfoLink id={value.tactic} what="tactic" />
      </Group>
      <Group gap={4} wrap="nowrap" align="flex-end">
        <Select
          label="Technique"
          placeholder={value.tactic ? 'None' : 'Pick a tactic first'}
          data={techniqueData}
          value={value.technique}
          disabled={!value.tactic}
          onChange={(t) => onChange({ ...value, technique: t, subtechnique: null })}
          searchable
          clearable
          error={errors.technique}
          nothingFoundMessage="No technique of this tactic matches"
          flex={1}
          comboboxProps={{ withinPortal: true }}
        />
        <InfoLink id={value.technique} what="technique" />
      </Group>
      <Group gap={4} wrap="nowrap" align="flex-end">
        <Select
          label="Sub-technique"
          placeholder={value.technique && subs.length === 0 ? 'None exist' : 'None'}
          data={subs.map(label)}
          value={value.subtechnique}
          disabled={!value.technique || subs.length === 0}
          onChange={(s) => onChange({ ...value, subtechnique: s })}
          searchable
          clearable
          error={errors.subtechnique}
          flex={1}
          comboboxProps={{ withinPortal: true }}
        />
        <InfoLink id={value.subtechnique} what="sub-technique" />
      </Group>
    </Group>
  );
}

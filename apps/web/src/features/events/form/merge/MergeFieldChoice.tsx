import { Badge, Group, Paper, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { DateTime } from '../../../../components/DateTime.tsx';
import type { EventMergeField } from './event-merge-fields.ts';
import type { Attribution } from './field-attribution.ts';
import classes from './merge.module.css';
import type { ChangedBy, Side } from './three-way.ts';

const CHANGED_BY: Record<ChangedBy, { label: string; colour: string }> = {
  both: { label: 'Both changed this', colour: 'orange' },
  theirs: { label: 'Changed by them', colour: 'blue' },
  mine: { label: 'Changed by you', colour: 'grape' },
};

/** Why the field is listed, who changed it and when, and whether it still needs a choice. */
function explanation(changedBy: ChangedBy, attribution: Attribution | undefined, chosen: boolean) {
  const pending = chosen ? '' : ' Choose which to keep.';
  if (changedBy === 'mine') return 'They left it as it was; your change is kept unless you take theirs.';
  if (!attribution) return pending.trim();
  return (
    <>
      {attribution.actor ?? 'The system'} changed it at <DateTime value={attribution.at} seconds />.{pending}
    </>
  );
}

function ValueText({ field, text }: { field: EventMergeField; text: string }) {
  return (
    <Text component="div" className={`${classes.value} ${field === 'raw_evidence' ? classes.mono : ''}`}>
      {text}
    </Text>
  );
}

/**
 * One field that differs: the user's value beside the current one, as two radio cards in a group
 * labelled with the field's name. A field both sides changed starts with neither chosen.
 */
export function MergeFieldChoice({
  field,
  label,
  changedBy,
  choice,
  onChoose,
  mine,
  theirs,
  before,
  theirName,
  attribution,
}: {
  field: EventMergeField;
  label: string;
  changedBy: ChangedBy;
  choice: Side | undefined;
  onChoose: (side: Side) => void;
  mine: string;
  theirs: string;
  before: string;
  theirName: string;
  attribution: Attribution | undefined;
}) {
  const badge = CHANGED_BY[changedBy];
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      className={classes.field}
      data-changed-by={changedBy}
      data-unresolved={choice ? undefined : true}
      data-testid={`merge-field-${field}`}
    >
      <Radio.Group
        label={label}
        labelProps={{ fw: 650 }}
        description={
          <Group gap="xs" component="span" mt={2}>
            <Badge size="sm" variant="light" color={badge.colour} component="span">
              {badge.label}
            </Badge>
            <span>{explanation(changedBy, attribution, Boolean(choice))}</span>
          </Group>
        }
        value={choice ?? ''}
        onChange={(v) => onChoose(v as Side)}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
          <Radio.Card value="mine" radius="md" className={classes.option}>
            <Group wrap="nowrap" align="flex-start" gap="xs">
              <Radio.Indicator size="sm" mt={2} />
              <Stack gap={2} miw={0} flex={1}>
                <Text fw={600} size="sm">
                  Keep mine
                </Text>
                <ValueText field={field} text={mine} />
              </Stack>
            </Group>
          </Radio.Card>
          <Radio.Card value="theirs" radius="md" className={classes.option}>
            <Group wrap="nowrap" align="flex-start" gap="xs">
              <Radio.Indicator size="sm" mt={2} />
              <Stack gap={2} miw={0} flex={1}>
                <Text fw={600} size="sm">
                  Take theirs ({theirName})
                </Text>
                <ValueText field={field} text={theirs} />
              </Stack>
            </Group>
          </Radio.Card>
        </SimpleGrid>
      </Radio.Group>
      <Text size="xs" c="dimmed" mt={6} className={classes.before}>
        Before either change: {before}
      </Text>
    </Paper>
  );
}

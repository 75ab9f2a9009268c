import { Button, Group, Input, Select, Stack, Text } from '@mantine/core';
import { type Membership, ROLE_NAMES, ROLE_SLUGS, type RoleSlug } from '@steppingstones/shared';
import { useState } from 'react';
import { useEngagements } from '../../engagements/engagements-api.ts';

const ROLE_OPTIONS = ROLE_SLUGS.map((slug) => ({ value: slug, label: ROLE_NAMES[slug] }));

/** A user's engagements, each with the role they hold there. */
export function MembershipsField({
  value,
  onChange,
  error,
}: {
  value: Membership[];
  onChange: (next: Membership[]) => void;
  error?: string | undefined;
}) {
  const engagements = useEngagements();
  const [adding, setAdding] = useState<string | null>(null);
  const free = (engagements.data ?? []).filter((e) => !value.some((m) => m.engagement === e.code));
  const setRole = (code: string, role: RoleSlug) =>
    onChange(value.map((m) => (m.engagement === code ? { ...m, role } : m)));
  return (
    <Input.Wrapper
      label="Engagements and roles"
      description="The user sees only these engagements; the role says what they may do in each (superusers see all)."
      error={error}
    >
      <Stack gap={6} mt={6}>
        {value.length === 0 && (
          <Text size="sm" c="dimmed">
            No engagement.
          </Text>
        )}
        {value.map((m) => (
          <Group key={m.engagement} gap="xs" wrap="nowrap" data-membership={m.engagement}>
            <Text size="sm" w={160} truncate>
              {m.engagement}
            </Text>
            <Select
              aria-label={`Role in ${m.engagement}`}
              data={ROLE_OPTIONS}
              value={m.role}
              allowDeselect={false}
              onChange={(role) => role && setRole(m.engagement, role as RoleSlug)}
              comboboxProps={{ withinPortal: true }}
            />
            <Button
              size="xs"
              variant="subtle"
              color="red"
              aria-label={`Remove from ${m.engagement}`}
              onClick={() => onChange(value.filter((x) => x.engagement !== m.engagement))}
            >
              Remove
            </Button>
          </Group>
        ))}
        <Group gap="xs">
          <Select
            aria-label="Add an engagement"
            placeholder="Add an engagement"
            data={free.map((e) => ({ value: e.code, label: `${e.name} (${e.code})` }))}
            value={adding}
            onChange={setAdding}
            searchable
            comboboxProps={{ withinPortal: true }}
          />
          <Button
            variant="default"
            disabled={!adding}
            onClick={() => {
              if (adding) onChange([...value, { engagement: adding, role: 'blue-read-only' }]);
              setAdding(null);
            }}
          >
            Add
          </Button>
        </Group>
      </Stack>
    </Input.Wrapper>
  );
}

import { SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { DateField } from '../../components/DateField.tsx';
import type { EngagementInput } from './engagement-types.ts';

/** The engagement form fields, shared by the first-run wizard and the admin pages. */
export function EngagementFields({
  values,
  errors,
  onChange,
  codeEditable = true,
  autoFocus = false,
}: {
  values: EngagementInput;
  errors: Partial<Record<string, string>>;
  onChange: <K extends keyof EngagementInput>(key: K, value: EngagementInput[K]) => void;
  codeEditable?: boolean;
  autoFocus?: boolean;
}) {
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label="Code"
          description="Short and permanent; used in addresses and exports."
          placeholder="ACME-2026"
          value={values.code}
          onChange={(e) => onChange('code', e.currentTarget.value)}
          error={errors.code}
          required
          disabled={!codeEditable}
          data-autofocus={autoFocus || undefined}
          autoComplete="off"
        />
        <TextInput
          label="Name"
          description="As the client knows it."
          placeholder="ACME Corp external red team"
          value={values.name}
          onChange={(e) => onChange('name', e.currentTarget.value)}
          error={errors.name}
          required
          autoComplete="off"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <DateField
          label="Start date"
          value={values.start_date}
          onChange={(v) => onChange('start_date', v)}
          error={errors.start_date}
          required
        />
        <DateField
          label="End date"
          value={values.end_date}
          onChange={(v) => onChange('end_date', v)}
          error={errors.end_date}
          required
        />
      </SimpleGrid>
      <Textarea
        label="Description"
        placeholder="Scope, rules of engagement, contacts…"
        autosize
        minRows={2}
        maxRows={8}
        value={values.description}
        onChange={(e) => onChange('description', e.currentTarget.value)}
        error={errors.description}
      />
    </Stack>
  );
}

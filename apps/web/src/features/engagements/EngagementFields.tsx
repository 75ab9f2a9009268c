import { SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { DateField } from '../../components/DateField.tsx';

/** The engagement's editable fields, as the wizard, the create modal and the detail page hold them. */
export interface EngagementValues {
  [key: string]: unknown;
  code: string;
  name: string;
  description: string;
  start_date: string;
  end_date: string;
}

/** The engagement form fields, shared by the first-run wizard and the admin pages. */
export function EngagementFields<V extends EngagementValues>({
  form,
  codeEditable = true,
  autoFocus = false,
}: {
  form: UseFormReturnType<V>;
  codeEditable?: boolean;
  autoFocus?: boolean;
}) {
  const f = form as unknown as UseFormReturnType<EngagementValues>;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label="Code"
          description="Short and permanent; used in addresses and exports."
          placeholder="ACME-2026"
          {...f.getInputProps('code')}
          required
          disabled={!codeEditable}
          data-autofocus={autoFocus || undefined}
          autoComplete="off"
        />
        <TextInput
          label="Name"
          description="As the client knows it."
          placeholder="ACME Corp external red team"
          {...f.getInputProps('name')}
          required
          autoComplete="off"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <DateField
          label="Start date"
          value={f.values.start_date}
          onChange={(v) => f.setFieldValue('start_date', v)}
          error={f.errors.start_date}
          required
        />
        <DateField
          label="End date"
          value={f.values.end_date}
          onChange={(v) => f.setFieldValue('end_date', v)}
          error={f.errors.end_date}
          required
        />
      </SimpleGrid>
      <Textarea
        label="Description"
        placeholder="Scope, rules of engagement, contacts…"
        autosize
        minRows={2}
        maxRows={8}
        {...f.getInputProps('description')}
      />
    </Stack>
  );
}

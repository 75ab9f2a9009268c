import { Group, NumberInput, Select, Switch, TextInput } from '@mantine/core';

interface PropSchema {
  type?: string;
  default?: unknown;
  description?: string;
  title?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
}

/** A label a person reads for a parameter the plugin gave no title: `includeEvidence` → "Include evidence". */
export function parameterLabel(name: string, title?: string): string {
  if (title) return title;
  const words = name
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A small form for a report's parameters, from the JSON Schema the menu API returns. Values live in the
 * URL (so a report link is shareable); a parameter left at its default is not written.
 */
export function ReportParams({
  schema,
  values,
  onChange,
}: {
  schema: Record<string, unknown>;
  values: URLSearchParams;
  onChange: (name: string, value: string | null) => void;
}) {
  const properties = (schema.properties ?? {}) as Record<string, PropSchema>;
  const names = Object.keys(properties);
  if (!names.length) return null;
  return (
    <Group gap="md" align="flex-end" wrap="wrap">
      {names.map((name) => {
        const p = properties[name]!;
        const label = parameterLabel(name, p.title);
        const current = values.get(name);
        const set = (v: string | null) =>
          onChange(name, v === null || v === String(p.default ?? '') ? null : v);
        if (p.type === 'boolean') {
          const checked = current === null ? Boolean(p.default) : current === 'true';
          return (
            <Switch
              key={name}
              label={label}
              description={p.description}
              checked={checked}
              onChange={(e) => set(String(e.currentTarget.checked))}
            />
          );
        }
        if (p.enum) {
          return (
            <Select
              key={name}
              label={label}
              description={p.description}
              data={p.enum.map(String)}
              value={current ?? String(p.default ?? '')}
              onChange={(v) => set(v)}
              w={200}
            />
          );
        }
        if (p.type === 'number' || p.type === 'integer') {
          return (
            <NumberInput
              key={name}
              label={label}
              description={p.description}
              value={current ?? (p.default as number | undefined) ?? ''}
              min={p.minimum}
              max={p.maximum}
              onChange={(v) => set(v === '' ? null : String(v))}
              w={160}
            />
          );
        }
        return (
          <TextInput
            key={name}
            label={label}
            description={p.description}
            defaultValue={current ?? String(p.default ?? '')}
            onBlur={(e) => set(e.currentTarget.value)}
            w={240}
          />
        );
      })}
    </Group>
  );
}

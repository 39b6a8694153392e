'use client';
import { NumberInput, Select, SimpleGrid, Switch, Textarea, TextInput } from '@mantine/core';

type Prop = { type?: string | string[]; enum?: unknown[]; description?: string };

/** A form for a tool's arguments, one field per property of its JSON Schema; arrays and objects as JSON. */
export function ArgsForm({
  schema,
  values,
  onChange,
}: {
  schema: Record<string, unknown>;
  values: Record<string, unknown>;
  onChange: (v: Record<string, unknown>) => void;
}) {
  const properties = (schema.properties ?? {}) as Record<string, Prop>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const set = (k: string, v: unknown) => {
    const next = { ...values };
    if (v === undefined || v === '') delete next[k];
    else next[k] = v;
    onChange(next);
  };
  const names = Object.keys(properties);
  if (names.length === 0) return null;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
      {names.map((name) => {
        const p = properties[name]!;
        const type = Array.isArray(p.type) ? p.type.find((t) => t !== 'null') : p.type;
        const common = { label: name, description: p.description?.slice(0, 120), withAsterisk: required.has(name), size: 'xs' as const };
        if (Array.isArray(p.enum))
          return (
            <Select
              key={name}
              {...common}
              data={p.enum.map(String)}
              value={values[name] === undefined ? null : String(values[name])}
              onChange={(v) => set(name, v ?? undefined)}
              clearable
            />
          );
        if (type === 'boolean')
          return <Switch key={name} label={name} checked={values[name] === true} onChange={(e) => set(name, e.currentTarget.checked)} mt="lg" />;
        if (type === 'number' || type === 'integer')
          return (
            <NumberInput
              key={name}
              {...common}
              value={(values[name] as number | undefined) ?? ''}
              onChange={(v) => set(name, v === '' ? undefined : Number(v))}
            />
          );
        if (type === 'array' || type === 'object') return <JsonField key={name} {...common} value={values[name]} onValue={(v) => set(name, v)} />;
        return <TextInput key={name} {...common} value={(values[name] as string | undefined) ?? ''} onChange={(e) => set(name, e.currentTarget.value)} />;
      })}
    </SimpleGrid>
  );
}

function JsonField({
  value,
  onValue,
  ...props
}: {
  label: string;
  description?: string;
  withAsterisk: boolean;
  size: 'xs';
  value: unknown;
  onValue: (v: unknown) => void;
}) {
  return (
    <Textarea
      {...props}
      autosize
      minRows={1}
      defaultValue={value === undefined ? '' : JSON.stringify(value)}
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      onBlur={(e) => {
        const text = e.currentTarget.value.trim();
        if (!text) return onValue(undefined);
        try {
          onValue(JSON.parse(text));
        } catch {
          onValue(text);
        }
      }}
    />
  );
}

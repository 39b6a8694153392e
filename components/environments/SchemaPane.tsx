'use client';
import { Badge, Grid, Group, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import type { EnvironmentSchema } from '@/server/pipeline/environment/model';
import { CodeEditor } from '../editor/CodeEditor';

/** The schema as JSON in Monaco (edited as a draft) beside its tables and the references between them. */
export function SchemaPane({ text, onText, schema }: { text: string; onText: (t: string) => void; schema: EnvironmentSchema }) {
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <CodeEditor value={text} onChange={(v) => onText(v ?? '')} language="json" height={600} path="environment-schema.json" />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <ScrollArea h={600} type="auto">
          <Stack gap="sm" aria-label="Tables and relations">
            {schema.tables.map((t) => (
              <Paper key={t.name} withBorder radius="md" p="sm" data-testid="schema-table">
                <Group justify="space-between" mb={4}>
                  <Text fw={700} ff="monospace">
                    {t.name}
                  </Text>
                  <Badge variant="light" size="sm">
                    key: {t.primaryKey}
                  </Badge>
                </Group>
                {t.description && (
                  <Text size="xs" c="dimmed" mb={4}>
                    {t.description}
                  </Text>
                )}
                <Stack gap={0}>
                  {Object.entries(t.columns).map(([name, col]) => {
                    const ref = t.references.find((r) => r.column === name);
                    return (
                      <Text key={name} size="xs" ff="monospace">
                        {name === t.primaryKey ? '🔑 ' : t.required.includes(name) ? '• ' : '  '}
                        {name}: {String((col as { type?: unknown }).type ?? 'any')}
                        {ref ? <Text span c="blue" size="xs">{`  → ${ref.table}`}</Text> : null}
                      </Text>
                    );
                  })}
                </Stack>
              </Paper>
            ))}
          </Stack>
        </ScrollArea>
      </Grid.Col>
    </Grid>
  );
}

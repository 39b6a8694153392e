'use client';
import { Anchor, Badge, Button, Grid, Group, Paper, ScrollArea, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconSchema } from '@tabler/icons-react';
import type { EnvironmentSchema } from '@/server/pipeline/environment/model';
import { CodeEditor } from '../editor/CodeEditor';
import { EmptyState } from '../ui/EmptyState';
import { SchemaDiagram } from './SchemaDiagram';
import type { SchemaView } from './useEnvironmentView';

const HEIGHT = 600;
/**
 * Past this many tables the picture takes the whole width (the JSON goes below it) and more height:
 * beside the editor, forty tables fitted would be drawn too small to read.
 */
const LARGE_SCHEMA = 16;

/**
 * The schema as JSON in Monaco (edited as a draft) beside the saved schema as a picture (the
 * default) or a column list; either way a table opens to its rows.
 */
export function SchemaPane({
  text,
  onText,
  schema,
  view,
  onView,
  onOpenTable,
}: {
  text: string;
  onText: (t: string) => void;
  schema: EnvironmentSchema;
  view: SchemaView;
  onView: (v: SchemaView) => void;
  onOpenTable: (table: string) => void;
}) {
  const large = schema.tables.length > LARGE_SCHEMA;
  const editor = (
    <Grid.Col span={{ base: 12, md: large ? 12 : 5 }}>
      <CodeEditor value={text} onChange={(v) => onText(v ?? '')} language="json" height={HEIGHT} path="environment-schema.json" />
    </Grid.Col>
  );
  return (
    <Grid gap="md">
      {!large && editor}
      <Grid.Col span={{ base: 12, md: large ? 12 : 7 }}>
        <Stack gap="xs">
          <Group justify="space-between" gap="xs">
            <SegmentedControl
              size="xs"
              aria-label="Show the schema as"
              value={view}
              onChange={(v) => onView(v as SchemaView)}
              data={[
                { value: 'diagram', label: 'Diagram' },
                { value: 'list', label: 'List' },
              ]}
            />
            <Text size="xs" c="dimmed">
              The saved version.{' '}
              {view === 'diagram' ? 'Arrows go from a column to the table it references; click a table for its rows.' : 'Click a table for its rows.'}
            </Text>
          </Group>
          {schema.tables.length === 0 ? (
            <EmptyState
              icon={IconSchema}
              title="No tables"
              body="This version's schema has no tables yet. Add them to “tables” in the JSON on the left and save: each becomes a box here, each reference an arrow."
            />
          ) : view === 'diagram' ? (
            <>
              <SchemaDiagram schema={schema} onOpenTable={onOpenTable} height={large ? 720 : HEIGHT - 60} />
              <TableButtons schema={schema} onOpenTable={onOpenTable} />
            </>
          ) : (
            <SchemaList schema={schema} onOpenTable={onOpenTable} height={large ? 720 : HEIGHT - 40} />
          )}
        </Stack>
      </Grid.Col>
      {large && editor}
    </Grid>
  );
}

/** The diagram's tables as buttons: reachable by keyboard and by screen readers, which the canvas is not. */
function TableButtons({ schema, onOpenTable }: { schema: EnvironmentSchema; onOpenTable: (table: string) => void }) {
  return (
    <Group gap={6} aria-label="Open a table's rows" role="group" data-testid="schema-table-buttons">
      <Text size="xs" c="dimmed">
        Rows of:
      </Text>
      {schema.tables.map((t) => (
        <Button key={t.name} size="compact-xs" variant="default" ff="monospace" fw={500} onClick={() => onOpenTable(t.name)}>
          {t.name}
        </Button>
      ))}
    </Group>
  );
}

/** Every table with all its columns: key, required, type and the table each reference names. */
function SchemaList({ schema, onOpenTable, height }: { schema: EnvironmentSchema; onOpenTable: (table: string) => void; height: number }) {
  return (
    <ScrollArea h={height} type="auto">
      <Stack gap="sm" aria-label="Tables and relations">
        {schema.tables.map((t) => (
          <Paper key={t.name} withBorder radius="md" p="sm" data-testid="schema-table">
            <Group justify="space-between" mb={4}>
              <Anchor component="button" type="button" fw={700} ff="monospace" onClick={() => onOpenTable(t.name)} title={`Rows of ${t.name}`}>
                {t.name}
              </Anchor>
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
  );
}

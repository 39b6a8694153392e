'use client';
import { Allowed } from '../auth/session';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  Paper,
  ScrollArea,
  Skeleton,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconCheck, IconPencil, IconSearch } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Core, ElementDefinition, StylesheetJson } from 'cytoscape';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useRef, useState } from 'react';
import { CytoscapeView } from '../graph/CytoscapeView';
import { ToolDrawer } from '../tools/ToolDrawer';
import { useTRPC } from '../trpc';
import { SelectionActions } from './SelectionActions';
import { BreakableName } from '../ui/BreakableName';
import { UndoBar } from './UndoBar';
import { plural } from '@/lib/text/plural';

const DOMAIN_STYLE: StylesheetJson = [
  { selector: 'node', style: { label: 'data(label)', 'font-size': 9, width: 22, height: 22, 'text-valign': 'bottom', 'text-margin-y': 2, color: '#343a40' } },
  { selector: 'node[op = "read"]', style: { 'background-color': '#228be6' } },
  { selector: 'node[op = "write"]', style: { 'background-color': '#fd7e14', shape: 'round-rectangle' } },
  { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#212529' } },
  { selector: 'node.match', style: { 'border-width': 3, 'border-color': '#e03131', 'font-weight': 'bold' } },
  { selector: 'edge', style: { width: 'data(width)', 'line-color': '#adb5bd', 'curve-style': 'bezier', 'target-arrow-color': '#868e96', 'arrow-scale': 0.8 } },
  { selector: 'edge[direction = "forward"]', style: { 'target-arrow-shape': 'triangle', 'line-color': '#868e96' } },
];

/** One domain: its tools as a directed graph, a checklist of them, and every curation action. */
export function DomainView({ id }: { id: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const domain = useQuery(trpc.domains.get.queryOptions({ id }));
  const [selected, setSelected] = useState<string[]>([]);
  const [openTool, setOpenTool] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const cy = useRef<Core | null>(null);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.domains.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.graph.overview.queryKey() });
  };
  const onError = (e: { message: string }) => notifications.show({ color: 'red', title: 'Not changed', message: e.message });
  const rename = useMutation(trpc.domains.rename.mutationOptions({ onSuccess: () => (setEditing(null), refresh()), onError }));
  const lock = useMutation(trpc.domains.lock.mutationOptions({ onSuccess: refresh, onError }));

  const elements = useMemo<ElementDefinition[]>(() => {
    const d = domain.data;
    if (!d) return [];
    return [
      ...d.tools.map((t) => ({ data: { id: t.id, label: t.name, op: t.op } })),
      ...d.edges.map((e) => ({
        data: { id: `${e.source}>${e.target}`, source: e.source, target: e.target, direction: e.direction, width: 0.5 + 3 * e.weight, reason: e.reason },
      })),
    ];
  }, [domain.data]);

  const setSelection = (ids: string[]) => {
    setSelected(ids);
    const c = cy.current;
    if (!c) return;
    c.nodes().unselect();
    for (const nid of ids) c.getElementById(nid).select();
  };
  const toggle = (toolId: string, on: boolean) => setSelection(on ? [...new Set([...selected, toolId])] : selected.filter((x) => x !== toolId));
  const highlight = (q: string) => {
    setSearch(q);
    const c = cy.current;
    if (!c) return;
    c.nodes().removeClass('match');
    if (q.trim())
      c.nodes()
        .filter((n) => String(n.data('label')).toLowerCase().includes(q.trim().toLowerCase()))
        .addClass('match');
  };

  if (domain.isError)
    return (
      <Alert color="red" title="Domain not found">
        {domain.error.message} <Link href="/domains">Back to domains</Link>
      </Alert>
    );
  const d = domain.data;
  if (!d) return <Skeleton h={500} />;
  const q = search.trim().toLowerCase();
  const visible = q ? d.tools.filter((t) => t.name.toLowerCase().includes(q) || t.description.toLowerCase().includes(q)) : d.tools;
  const writes = d.tools.filter((t) => t.op === 'write').length;

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="xs" wrap="nowrap" miw={0}>
          <ActionIcon component={Link} href="/domains" variant="subtle" aria-label="All domains">
            <IconArrowLeft size={18} />
          </ActionIcon>
          {editing === null ? (
            <>
              <Title order={2} data-testid="domain-name" lineClamp={1}>
                {d.name}
              </Title>
              <Allowed to="curate">
                <Tooltip label="Rename">
                  <ActionIcon variant="subtle" onClick={() => setEditing(d.name)} aria-label="Rename domain">
                    <IconPencil size={16} />
                  </ActionIcon>
                </Tooltip>
              </Allowed>
            </>
          ) : (
            <form onSubmit={(e) => (e.preventDefault(), rename.mutate({ id, name: editing }))} style={{ display: 'flex', gap: 8 }}>
              <TextInput
                value={editing}
                onChange={(e) => setEditing(e.currentTarget.value)}
                aria-label="Domain name"
                autoFocus
                w={360}
                onKeyDown={(e) => e.key === 'Escape' && setEditing(null)}
              />
              <ActionIcon type="submit" size="lg" loading={rename.isPending} aria-label="Save name">
                <IconCheck size={16} />
              </ActionIcon>
            </form>
          )}
        </Group>
        <Allowed to="curate">
          <UndoBar />
        </Allowed>
      </Group>
      <Group gap="sm">
        <Badge variant="light">{plural(d.tools.length, 'tool')}</Badge>
        <Badge variant="dot" color="blue">
          {d.tools.length - writes} read
        </Badge>
        <Badge variant="dot" color="orange">
          {writes} write
        </Badge>
        <Badge variant="outline">{plural(d.edges.length, 'edge')}</Badge>
        <Allowed to="curate" otherwise={d.locked ? <Badge variant="light">locked: kept as it is by rebuilds</Badge> : null}>
          <Switch
            label="Locked: kept as it is by rebuilds"
            checked={d.locked}
            onChange={(e) => lock.mutate({ id, locked: e.currentTarget.checked })}
            disabled={lock.isPending}
          />
        </Allowed>
      </Group>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <CytoscapeView
            label={`Tools of ${d.name}: blue circles read, orange squares write; arrows point from a tool to the one that depends on it`}
            elements={elements}
            style={DOMAIN_STYLE}
            layout={{ name: 'fcose', animate: false, randomize: true, nodeRepulsion: 8000, idealEdgeLength: 90 } as never}
            height={580}
            onReady={(c) => (cy.current = c)}
            onTapNode={(toolId, additive) => (additive ? toggle(toolId, !selected.includes(toolId)) : setOpenTool(toolId))}
            onSelectionChange={setSelected}
          />
          <Text size="xs" c="dimmed" mt={4}>
            Click a tool for its details; Shift+click or Shift+drag to select several. Arrows: the first tool produces or reads what the second needs or
            changes.
          </Text>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Paper withBorder radius="md" p="sm">
            <Stack gap="xs">
              <TextInput
                leftSection={<IconSearch size={16} />}
                placeholder="Search tools"
                value={search}
                onChange={(e) => highlight(e.currentTarget.value)}
                aria-label="Search tools in this domain"
              />
              <Group justify="space-between">
                <Checkbox
                  label={`${selected.length} selected`}
                  checked={selected.length > 0 && selected.length === d.tools.length}
                  indeterminate={selected.length > 0 && selected.length < d.tools.length}
                  onChange={(e) => setSelection(e.currentTarget.checked ? d.tools.map((t) => t.id) : [])}
                  aria-label="Select all tools"
                />
              </Group>
              <ScrollArea h={300} type="auto">
                <Stack gap={4} aria-label="Tools in this domain">
                  {visible.map((t) => (
                    <Group key={t.id} gap="xs" wrap="nowrap">
                      <Checkbox checked={selected.includes(t.id)} onChange={(e) => toggle(t.id, e.currentTarget.checked)} aria-label={`Select ${t.name}`} />
                      <Badge size="xs" variant="light" color={t.op === 'write' ? 'orange' : 'blue'} w={58} style={{ flexShrink: 0 }}>
                        {t.op}
                      </Badge>
                      {/* A long name wraps after its underscores rather than being cut at the panel's edge. */}
                      <Button
                        variant="subtle"
                        size="compact-xs"
                        onClick={() => setOpenTool(t.id)}
                        styles={{
                          root: { height: 'auto', minHeight: 22, paddingBlock: 2, minWidth: 0 },
                          label: { fontFamily: 'var(--mantine-font-family-monospace)', whiteSpace: 'normal', textAlign: 'left', lineHeight: 1.3 },
                        }}
                        title={t.description}
                      >
                        <BreakableName name={t.name} />
                      </Button>
                    </Group>
                  ))}
                </Stack>
              </ScrollArea>
              <Allowed to="curate">
                <SelectionActions
                  domain={{ id: d.id, name: d.name }}
                  selected={selected}
                  onDone={(next) => {
                    setSelection([]);
                    refresh();
                    if (next) router.push(`/domains/${next}`);
                  }}
                />
              </Allowed>
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
      <ToolDrawer toolId={openTool} onClose={() => setOpenTool(null)} />
    </Stack>
  );
}

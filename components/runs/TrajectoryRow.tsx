'use client';
import { Badge, Box, Group, Text } from '@mantine/core';
import Link from 'next/link';
import type { KeyboardEvent } from 'react';
import type { RolloutStatus } from '@/server/pipeline/rollout/model';
import { ROLLOUT_COLOR, ROLLOUT_LABEL } from './format';
import { failedBy } from './verdict';

export const ROW_HEIGHT = 44;
// Fits the page at 1280 px with every column in view; the status and verdict badges keep their words whole.
export const COLUMNS = '36px minmax(110px, 1fr) minmax(180px, 2.4fr) 96px minmax(150px, 1.5fr) minmax(80px, 0.6fr) minmax(110px, 1.1fr) 44px 44px';
/** The narrowest the grid gets before it scrolls sideways: the columns' minimums and their gaps. */
export const GRID_MIN_WIDTH = 920;
export const HEADERS = ['#', 'Domain', 'Intent', 'Status', 'Verdict', 'Tags', 'Noise', 'Turns', 'Calls'];

export type TrajectoryItem = {
  id: string;
  domainName: string;
  intent: string;
  status: RolloutStatus;
  passed: boolean;
  validity: boolean;
  stateAligned: boolean;
  exact: boolean;
  readOnly: boolean;
  tags: string[];
  noiseApplied: string[];
  turns: number;
  calls: number;
};

/** One trajectory as a row that links to it; arrows move between rows. */
export function TrajectoryRow({ t, index, start, onKeyDown }: { t: TrajectoryItem; index: number; start: number; onKeyDown: (e: KeyboardEvent) => void }) {
  const why = failedBy(t);
  return (
    <Box
      component={Link}
      href={`/trajectories/${t.id}`}
      role="row"
      data-index={index}
      data-testid="trajectory-row"
      data-passed={t.passed}
      data-read-only={t.readOnly}
      aria-rowindex={index + 2}
      onKeyDown={onKeyDown}
      className="tool-row"
      px="sm"
      style={{
        position: 'absolute',
        top: 0,
        left: 0,
        right: 0,
        height: ROW_HEIGHT,
        transform: `translateY(${start}px)`,
        display: 'grid',
        gridTemplateColumns: COLUMNS,
        alignItems: 'center',
        columnGap: 8,
        color: 'inherit',
        textDecoration: 'none',
        borderBottom: '1px solid var(--mantine-color-default-border)',
      }}
    >
      <Text role="gridcell" size="xs" c="dimmed">
        {index + 1}
      </Text>
      <Text role="gridcell" size="sm" truncate title={t.domainName}>
        {t.domainName}
      </Text>
      <Text role="gridcell" size="sm" truncate title={t.intent}>
        {t.intent}
      </Text>
      <div role="gridcell">
        <Badge size="sm" variant="light" color={ROLLOUT_COLOR[t.status]}>
          {ROLLOUT_LABEL[t.status]}
        </Badge>
      </div>
      <Group role="gridcell" gap={4} wrap="nowrap" style={{ overflow: 'hidden' }}>
        <Badge size="sm" variant="filled" color={t.passed ? 'teal' : 'red'} style={{ flexShrink: 0 }}>
          {t.passed ? 'passed' : 'failed'}
        </Badge>
        {!t.passed && (
          <Text size="xs" c="red.7" truncate title={`failed: ${why.join(', ')}`}>
            {why.join(', ')}
          </Text>
        )}
      </Group>
      <Group role="gridcell" gap={4} wrap="nowrap" style={{ overflow: 'hidden' }}>
        {t.tags.length ? (
          t.tags.map((tag) => (
            <Badge key={tag} size="xs" variant="outline" color="grape">
              {tag}
            </Badge>
          ))
        ) : (
          <Text size="xs" c="dimmed">
            —
          </Text>
        )}
      </Group>
      <Text role="gridcell" size="xs" ff="monospace" c={t.noiseApplied.length ? undefined : 'dimmed'} truncate title={t.noiseApplied.join(', ')}>
        {t.noiseApplied.length ? (
          <>
            {t.noiseApplied[0]}
            {t.noiseApplied.length > 1 && (
              <Text span size="xs" c="dimmed">
                {' '}
                +{t.noiseApplied.length - 1}
              </Text>
            )}
          </>
        ) : (
          '—'
        )}
      </Text>
      <Text role="gridcell" size="sm" ta="right">
        {t.turns}
      </Text>
      <Text role="gridcell" size="sm" ta="right">
        {t.calls}
      </Text>
    </Box>
  );
}

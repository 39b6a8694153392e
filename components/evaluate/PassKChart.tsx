'use client';
import { Group, Stack, Text } from '@mantine/core';

export type Curve = { id: string; name: string; passk: Record<string, number>; ci: Record<string, [number, number]> };

export const CURVE_COLOURS = ['#1c7ed6', '#e8590c', '#2f9e44', '#ae3ec9', '#f08c00', '#0c8599', '#c2255c', '#5c940d'];

const W = 560;
const H = 260;
const PAD = { left: 44, right: 16, top: 12, bottom: 36 };

/** pass^k against k for each evaluation, with its 95% interval at every k: the curves τ-bench draws. */
export function PassKChart({ curves }: { curves: Curve[] }) {
  const maxK = Math.max(1, ...curves.map((c) => Object.keys(c.passk).length));
  const x = (k: number) => PAD.left + (maxK === 1 ? (W - PAD.left - PAD.right) / 2 : ((k - 1) / (maxK - 1)) * (W - PAD.left - PAD.right));
  const y = (v: number) => PAD.top + (1 - v) * (H - PAD.top - PAD.bottom);
  const points = (c: Curve) =>
    Object.entries(c.passk)
      .map(([k, v]) => [Number(k), v] as const)
      .sort((a, b) => a[0] - b[0]);
  const label = curves
    .map(
      (c) =>
        `${c.name}: ${points(c)
          .map(([k, v]) => `pass^${k} ${v.toFixed(2)}`)
          .join(', ')}`,
    )
    .join('; ');
  return (
    <Stack gap={6}>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" style={{ maxWidth: W }} role="img" aria-label={`pass^k curves. ${label}`} data-testid="passk-chart">
        {[0, 0.25, 0.5, 0.75, 1].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="var(--mantine-color-gray-3)" />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" fontSize={11} fill="var(--mantine-color-dimmed)">
              {v.toFixed(2)}
            </text>
          </g>
        ))}
        {Array.from({ length: maxK }, (_, i) => i + 1).map((k) => (
          <text key={k} x={x(k)} y={H - PAD.bottom + 16} textAnchor="middle" fontSize={11} fill="var(--mantine-color-dimmed)">
            {k}
          </text>
        ))}
        <text x={(W + PAD.left) / 2} y={H - 4} textAnchor="middle" fontSize={12} fill="var(--mantine-color-dimmed)">
          k (trials that must all pass)
        </text>
        {curves.map((c, i) => {
          const colour = CURVE_COLOURS[i % CURVE_COLOURS.length];
          const pts = points(c);
          return (
            <g key={c.id} data-testid="passk-curve">
              {pts.map(([k]) => {
                const [lo, hi] = c.ci[String(k)] ?? [NaN, NaN];
                return Number.isFinite(lo) ? (
                  <line key={k} x1={x(k)} x2={x(k)} y1={y(lo)} y2={y(hi)} stroke={colour} strokeOpacity={0.45} strokeWidth={6} />
                ) : null;
              })}
              <polyline points={pts.map(([k, v]) => `${x(k)},${y(v)}`).join(' ')} fill="none" stroke={colour} strokeWidth={2} />
              {pts.map(([k, v]) => (
                <circle key={k} cx={x(k)} cy={y(v)} r={3.5} fill={colour}>
                  <title>{`${c.name}: pass^${k} = ${v.toFixed(3)}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      <Group gap="md">
        {curves.map((c, i) => (
          <Group key={c.id} gap={6} wrap="nowrap">
            <span style={{ width: 12, height: 12, borderRadius: 2, background: CURVE_COLOURS[i % CURVE_COLOURS.length], display: 'inline-block' }} />
            <Text size="sm">{c.name}</Text>
          </Group>
        ))}
      </Group>
    </Stack>
  );
}

/**
 * A colour per domain, by its place in the domain list (largest first): the same build gives the
 * same colours on every visit. Twelve distinct hues first (Mantine's palette, readable on white),
 * then golden-angle hues, which stay apart from their neighbours in the list.
 */
const PALETTE = ['#1c7ed6', '#e8590c', '#2f9e44', '#ae3ec9', '#f08c00', '#0c8599', '#e03131', '#5f3dc4', '#66a80f', '#c2255c', '#1098ad', '#862e9c'];
export const UNASSIGNED_COLOUR = '#adb5bd';

export function domainColour(index: number): string {
  if (index < 0) return UNASSIGNED_COLOUR;
  if (index < PALETTE.length) return PALETTE[index]!;
  const hue = Math.round((index * 137.508) % 360);
  return `hsl(${hue}, 62%, ${index % 2 ? 42 : 52}%)`;
}

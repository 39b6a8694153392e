'use client';
import { Anchor, Box } from '@mantine/core';
import { useState, type ReactNode } from 'react';

/** Text past this many lines or characters starts folded. */
const LINES = 12;
const CHARS = 800;

export const isLong = (text: string) => text.length > CHARS || text.split('\n').length > LINES;

/** Long content folded to a few lines, with a button to show it all (and fold it again). */
export function LongText({ text, children }: { text: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  if (!isLong(text)) return <>{children}</>;
  return (
    <Box>
      <Box style={open ? undefined : { maxHeight: 160, overflow: 'hidden', maskImage: 'linear-gradient(to bottom, black 60%, transparent)' }}>{children}</Box>
      <Anchor component="button" size="xs" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
        {open ? 'Show less' : `Show all (${text.split('\n').length} lines, ${text.length.toLocaleString()} characters)`}
      </Anchor>
    </Box>
  );
}

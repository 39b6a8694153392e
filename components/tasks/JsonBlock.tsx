'use client';
import { Anchor, Code, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';

/** Text beyond this many characters waits for "show all": a huge state would stall the page. */
const CAP = 50_000;

export const pretty = (value: unknown) => (value === undefined ? 'undefined' : JSON.stringify(value, null, 2));

/** Pretty JSON in a block with a height limit; very long text is cut until asked for. */
export function JsonBlock({ value, text, maxHeight = 280, label }: { value?: unknown; text?: string; maxHeight?: number; label?: string }) {
  const full = useMemo(() => text ?? pretty(value), [text, value]);
  const [all, setAll] = useState(false);
  const cut = !all && full.length > CAP;
  return (
    <Stack gap={2}>
      <Code block aria-label={label} tabIndex={0} style={{ maxHeight, overflow: 'auto', whiteSpace: 'pre' }}>
        {cut ? `${full.slice(0, CAP)}\n…` : full}
      </Code>
      {cut && (
        <Text size="xs" c="dimmed">
          Showing {CAP.toLocaleString()} of {full.length.toLocaleString()} characters.{' '}
          <Anchor component="button" size="xs" onClick={() => setAll(true)}>
            Show all
          </Anchor>
        </Text>
      )}
    </Stack>
  );
}

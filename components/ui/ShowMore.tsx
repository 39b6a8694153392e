'use client';
import { Anchor, Group } from '@mantine/core';
import { useState } from 'react';

/** Long lists render a page at a time: the rows shown so far, and a button for the next page. */
export function useShownRows<T>(rows: T[], page = 200) {
  const [shown, setShown] = useState(page);
  const hidden = Math.max(0, rows.length - shown);
  const more = hidden ? (
    <Group justify="center" mt="sm">
      <Anchor component="button" onClick={() => setShown((n) => n + page)}>
        Show {Math.min(page, hidden)} more of {hidden}
      </Anchor>
    </Group>
  ) : null;
  return { visible: rows.slice(0, shown), more };
}

'use client';
import { Collapse, Group, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useId, useState, type ReactNode } from 'react';

/** A header that opens and closes what is under it (a button: Enter and Space work). */
export function Disclosure({
  title,
  children,
  initiallyOpen = false,
  testId,
}: {
  title: ReactNode;
  children: ReactNode;
  initiallyOpen?: boolean;
  testId?: string;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  const [seen, setSeen] = useState(initiallyOpen);
  const id = useId();
  return (
    <div data-testid={testId} data-open={open}>
      <UnstyledButton onClick={() => (setOpen((o) => !o), setSeen(true))} aria-expanded={open} aria-controls={id} w="100%" py={4}>
        <Group gap={6} wrap="nowrap">
          {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          {title}
        </Group>
      </UnstyledButton>
      <Collapse expanded={open} id={id}>
        {/* Content never opened is not rendered: a task's state can be large. */}
        {seen && <div style={{ paddingLeft: 22, paddingTop: 4 }}>{children}</div>}
      </Collapse>
    </div>
  );
}

'use client';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

/**
 * Asks before unsaved work is left behind: the browser's own prompt when the tab is closed or
 * reloaded (beforeunload), and a dialog when a link inside the studio is followed. Links are caught
 * on the document in the capture phase, before Next's Link handles the click; links that open
 * elsewhere (new tab, download, another site) leave nothing behind and pass.
 */
export function LeaveGuard({ dirty, what = 'unsaved changes' }: { dirty: boolean; what?: string }) {
  const router = useRouter();
  const [pending, setPending] = useState<string | null>(null);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      e.returnValue = '';
    };
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = e.target instanceof Element ? e.target.closest('a[href]') : null;
      if (!(link instanceof HTMLAnchorElement) || link.hasAttribute('download') || (link.target && link.target !== '_self')) return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      if (url.pathname === window.location.pathname && url.search === window.location.search) return;
      e.preventDefault();
      e.stopPropagation();
      setPending(url.pathname + url.search + url.hash);
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty]);

  return (
    <Modal opened={pending !== null} onClose={() => setPending(null)} title="Leave without saving?">
      <Stack gap="sm">
        <Text size="sm">You have {what}. Leaving this page discards them.</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setPending(null)} data-autofocus>
            Stay
          </Button>
          <Button
            color="red"
            onClick={() => {
              const to = pending!;
              setPending(null);
              router.push(to);
            }}
          >
            Leave and discard
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

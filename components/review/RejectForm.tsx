'use client';
import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';

const OTHER = '__other__';

/** Why a trajectory is rejected: a preset reason or free text, and a comment. Enter submits. */
export function RejectForm({
  opened,
  reasons,
  busy,
  error,
  onClose,
  onSubmit,
}: {
  opened: boolean;
  reasons: readonly string[];
  busy: boolean;
  error: string | null;
  onClose: () => void;
  onSubmit: (reason: string, comment: string) => void;
}) {
  const [choice, setChoice] = useState<string | null>(null);
  const [other, setOther] = useState('');
  const [comment, setComment] = useState('');
  useEffect(() => {
    // The form stays mounted while closed: each opening starts empty.
    if (opened) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- reset on the open transition, not on every render
      setChoice(null);
      setOther('');
      setComment('');
    }
  }, [opened]);
  const reason = choice === OTHER ? other.trim() : (choice ?? '');
  const submit = () => {
    if (reason && !busy) onSubmit(reason, comment.trim());
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Reject this trajectory" size="md">
      <form
        data-testid="reject-form"
        onSubmit={(e) => (e.preventDefault(), submit())}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.defaultPrevented && !e.nativeEvent.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      >
        <Stack gap="sm">
          <Select
            label="Reason"
            placeholder="Pick a reason"
            data={[...reasons.map((r) => ({ value: r, label: r })), { value: OTHER, label: 'Other (type it)…' }]}
            value={choice}
            onChange={setChoice}
            data-autofocus
            required
            error={error}
          />
          {choice === OTHER && (
            <TextInput label="Other reason" value={other} onChange={(e) => setOther(e.currentTarget.value)} required autoFocus maxLength={200} />
          )}
          <TextInput label="Comment" placeholder="Optional" value={comment} onChange={(e) => setComment(e.currentTarget.value)} maxLength={2000} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" disabled={!reason} loading={busy}>
              Reject
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

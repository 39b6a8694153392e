import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../rollout/model';
import { exportFileName, exportManifest, exportSelection, ManifestTally } from './manifest';

const call = (id: string): NonNullable<Extract<ChatMessage, { role: 'assistant' }>['tool_calls']>[number] => ({
  id,
  type: 'function',
  function: { name: 'get_order', arguments: '{}' },
});
const conversation: ChatMessage[] = [
  { role: 'user', content: 'Where is my order?' },
  { role: 'assistant', content: null, tool_calls: [call('a'), call('b')] },
  { role: 'tool', tool_call_id: 'a', content: '{}' },
  { role: 'tool', tool_call_id: 'b', content: '{}' },
  { role: 'assistant', content: 'It has shipped.' },
];

describe('export manifest', () => {
  it('counts records, trained messages and calls per domain and environment version, largest first', () => {
    const tally = new ManifestTally();
    tally.add({ domainId: 'd1', domainName: 'orders', environmentVersionId: 'v1', environmentVersionNumber: 1, passed: true, messages: conversation });
    tally.add({ domainId: 'd1', domainName: 'orders', environmentVersionId: 'v2', environmentVersionNumber: 2, passed: false, messages: conversation });
    tally.add({
      domainId: 'd2',
      domainName: 'flights',
      environmentVersionId: 'v3',
      environmentVersionNumber: 1,
      passed: true,
      messages: conversation.slice(0, 1),
    });
    // A trajectory whose domain is gone still counts, under the name it had.
    tally.add({ domainId: null, domainName: 'old', environmentVersionId: 'v4', environmentVersionNumber: 3, passed: true, messages: [] });
    const m = tally.manifest(exportSelection.parse({ format: 'sharegpt', phase: 1, source: 'accepted_or_passed' }), [], new Date('2026-11-22T07:12:00Z'));
    expect(exportManifest.safeParse(m).success).toBe(true);
    expect(m).toMatchObject({
      format: 'sharegpt',
      phase: 1,
      source: 'accepted_or_passed',
      records: 4,
      messages: 11,
      trainedMessages: 4,
      maskedMessages: 0,
      toolCalls: 4,
      failedVerification: 1,
      createdAt: '2026-11-22T07:12:00.000Z',
    });
    expect(m.domains).toEqual([
      { id: 'd1', name: 'orders', records: 2 },
      { id: 'd2', name: 'flights', records: 1 },
      { id: null, name: 'old', records: 1 },
    ]);
    expect(m.environmentVersions.map((v) => [v.id, v.number, v.records])).toEqual([
      ['v3', 1, 1],
      ['v4', 3, 1],
      ['v1', 1, 1],
      ['v2', 2, 1],
    ]);
  });

  it('counts what a record writes: up to the agent’s last message, masked turns apart from trained ones', () => {
    const tally = new ManifestTally();
    const closing: ChatMessage = { role: 'user', content: 'Thanks.' };
    // The first call carried a mistake (masked); the closing line after the agent's last word is not written.
    tally.add({
      domainId: 'd1',
      domainName: 'orders',
      environmentVersionId: 'v1',
      environmentVersionNumber: 1,
      passed: true,
      messages: [...conversation, closing],
      masked: [1],
    });
    const m = tally.manifest(exportSelection.parse({ format: 'openai' }), [], new Date('2026-11-22T07:12:00Z'));
    expect(m).toMatchObject({ records: 1, messages: 5, trainedMessages: 1, maskedMessages: 1, toolCalls: 2 });
  });

  it('gives a ShareGPT export the LLaMA-Factory dataset_info entry that reads its file', () => {
    const at = new Date('2026-11-22T07:12:00Z');
    const sharegpt = new ManifestTally().manifest(exportSelection.parse({ format: 'sharegpt' }), [], at);
    expect(sharegpt.datasetInfo).toEqual({
      'phase1-general-sharegpt-20261122-0712': expect.objectContaining({
        file_name: 'phase1-general-sharegpt-20261122-0712.jsonl',
        formatting: 'sharegpt',
        columns: expect.objectContaining({ messages: 'conversations', tools: 'tools' }),
      }),
    });
    expect(new ManifestTally().manifest(exportSelection.parse({ format: 'openai' }), [], at).datasetInfo).toBeUndefined();
  });

  it('names the file by phase, format and time', () => {
    expect(exportFileName({ phase: 2, format: 'openai', createdAt: '2026-11-22T07:12:45.000Z' })).toBe('phase2-vertical-openai-20261122-0712.jsonl');
  });

  it('takes accepted trajectories and phase 1 unless told otherwise', () => {
    expect(exportSelection.parse({ format: 'openai' })).toEqual({ format: 'openai', phase: 1, source: 'accepted', targets: [] });
    expect(exportSelection.safeParse({ format: 'csv' }).success).toBe(false);
  });
});

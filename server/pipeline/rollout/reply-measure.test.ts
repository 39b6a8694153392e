import { describe, expect, it } from 'vitest';
import type { ChatMessage } from './model';
import { containsRawJson, rawJsonShare } from './reply-measure';

describe('containsRawJson', () => {
  it('finds pasted objects and lists, quoted keys or long parseable brackets', () => {
    expect(containsRawJson('Here is what I found. get_order returned {"status":"pending"}.')).toBe(true);
    expect(containsRawJson('Results: [{"id": 1}]')).toBe(true);
    expect(containsRawJson('The list is [101, 202, 303, 404, 505, 606].')).toBe(true);
    expect(containsRawJson('Got { "a" : 1 }')).toBe(false);
  });

  it('leaves prose alone, brackets included', () => {
    expect(containsRawJson('Your order #W123 is now cancelled.')).toBe(false);
    expect(containsRawJson('I found 3 orders: #W1, #W2 and #W3.')).toBe(false);
    expect(containsRawJson('Done [as asked] {see above}, with the items [1, 2].')).toBe(false);
    expect(containsRawJson('An unclosed { bracket and [ another that runs on for a while')).toBe(false);
  });
});

describe('rawJsonShare', () => {
  const call = { id: 'c', type: 'function' as const, function: { name: 'get_order', arguments: '{"order_id":"o1"}' } };
  const messages: ChatMessage[] = [
    { role: 'system', content: 'rules' },
    { role: 'user', content: 'Where is {"order":"o1"}?' },
    { role: 'assistant', content: null, tool_calls: [call] },
    { role: 'tool', tool_call_id: 'c', content: '{"order_id":"o1","status":"pending"}' },
    { role: 'assistant', content: 'get_order returned {"order_id":"o1"}' },
    { role: 'user', content: 'And?' },
    { role: 'assistant', content: 'Your order o1 is pending.' },
    { role: 'user', content: 'Thanks {"bye":true}' },
  ];

  it('counts only trained assistant text: not calls, tool results, user turns or masked replies', () => {
    expect(rawJsonShare([{ messages }])).toMatchObject({ replies: 2, withJson: 1, share: 0.5, examples: ['get_order returned {"order_id":"o1"}'] });
    expect(rawJsonShare([{ messages, masked: [4] }])).toMatchObject({ replies: 1, withJson: 0, share: 0 });
    expect(rawJsonShare([])).toMatchObject({ replies: 0, share: 0 });
  });
});

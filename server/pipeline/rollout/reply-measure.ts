import { exportedMessages, isTrained, type Exportable } from './trained';

/**
 * How much of what a model is trained to say is raw JSON: the share of trained assistant replies
 * (text, weight 1, in what an export writes) that contain a `{"` or `[{`, or a JSON object or array
 * longer than MIN_JSON characters. A reply that pastes a tool result teaches a model to talk like
 * a log file; issue 14 wants this under 5%.
 */

/** Shorter bracketed text ("[1, 2]", "{}") reads as prose, not as a pasted result. */
const MIN_JSON = 20;

export function containsRawJson(text: string): boolean {
  if (text.includes('{"') || text.includes('[{')) return true;
  for (let i = 0; i < text.length; i++) {
    const open = text[i];
    if (open !== '{' && open !== '[') continue;
    const end = matchingClose(text, i);
    if (end < 0 || end - i + 1 <= MIN_JSON) continue;
    try {
      const value: unknown = JSON.parse(text.slice(i, end + 1));
      if (value !== null && typeof value === 'object') return true;
    } catch {
      // Brackets in prose: not JSON.
    }
  }
  return false;
}

/** The index of the bracket closing the one at `start`, minding strings; -1 when it never closes. */
function matchingClose(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

export type RawJsonMeasure = { replies: number; withJson: number; share: number; examples: string[] };

/** Over trajectories as exported: trained assistant replies with text, and those of them with raw JSON. */
export function rawJsonShare(trajectories: Exportable[], keepExamples = 3): RawJsonMeasure {
  let replies = 0;
  let withJson = 0;
  const examples: string[] = [];
  for (const t of trajectories) {
    exportedMessages(t.messages).forEach((m, i) => {
      if (m.role !== 'assistant' || !m.content || !isTrained(t, i)) return;
      replies++;
      if (!containsRawJson(m.content)) return;
      withJson++;
      if (examples.length < keepExamples) examples.push(m.content);
    });
  }
  return { replies, withJson, share: replies ? withJson / replies : 0, examples };
}

import fs from 'node:fs';
import { STOP } from '../server/pipeline/rollout/policies';
import { startFakeOpenAi, type FakeChatMessage } from '../server/testing/fake-openai';

/**
 * The loopback LLM endpoint of the rollout bench, in a process of its own as a real endpoint would
 * be, so its work is not counted as the studio's. Usage: loopback-server.ts TASKS.json LATENCY_MS;
 * prints {"url": …} once listening and runs until stdin closes. The user model states the task's
 * intent, then stops; the agent model makes the task's gold calls one per answer, then replies.
 */
type ScriptedTask = { intent: string; calls: Array<{ name: string; arguments: Record<string, unknown> }> };

async function main() {
  const [file, latency] = process.argv.slice(2);
  const tasks = JSON.parse(fs.readFileSync(file!, 'utf8')) as ScriptedTask[];
  const byIntent = new Map(tasks.map((t) => [t.intent, t]));
  const intents = [...byIntent.keys()];
  const fake = await startFakeOpenAi({
    latencyMs: Number(latency),
    chat: (messages: FakeChatMessage[], body) => {
      if (body.model === 'user') {
        const system = messages[0]?.content ?? '';
        return messages.some((m) => m.role === 'assistant') ? `Thanks. ${STOP}` : (intents.find((k) => system.includes(k)) ?? 'Help me.');
      }
      const task = byIntent.get(messages.find((m) => m.role === 'user')?.content ?? '');
      const next = task?.calls[messages.filter((m) => m.role === 'tool').length];
      return next ? { tool_calls: [{ name: next.name, arguments: JSON.stringify(next.arguments) }] } : { content: 'Done.' };
    },
  });
  process.stdout.write(`${JSON.stringify({ url: fake.url })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void fake.close().then(() => process.exit(0)));
}

void main();

'use client';
import type { ChatMessage, StepRecord } from '@/server/pipeline/rollout/model';
import type { RowChange } from '@/server/pipeline/kernel/state';
import { Panel } from '../ui/Panel';
import { FinalVsGold } from './FinalVsGold';
import { Timeline, TrainingLegend } from './Timeline';
import { plural } from '@/lib/text/plural';

/** A trajectory's conversation, call by call with the rows each changed, then how it ended against gold. */
export function ConversationPanels({
  trajectory: t,
  finalVsGold,
}: {
  trajectory: { turns: number; messages: ChatMessage[]; steps: StepRecord[]; masked?: number[] };
  finalVsGold: RowChange[] | null;
}) {
  return (
    <>
      <Panel title="Conversation" hint={`${plural(t.turns, 'turn')}, ${plural(t.steps.length, 'tool call')}; each call with the rows it changed.`}>
        <TrainingLegend masked={t.masked?.length ?? 0} />
        <Timeline messages={t.messages} steps={t.steps} masked={t.masked ?? []} />
      </Panel>
      <Panel title="Final state vs gold">
        <FinalVsGold changes={finalVsGold} />
      </Panel>
    </>
  );
}

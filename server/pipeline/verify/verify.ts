import type { ToolSpec, Trajectory } from '../rollout/model';
import type { Task } from '../tasks/model';
import { checkExact } from './exact';
import type { Verdict } from './model';
import { checkState } from './state';
import { checkValidity } from './validity';

/**
 * The three filters on one trajectory, and the verdict. All three are always computed, also for a
 * rollout that did not complete (which never passes), so a reviewer sees how far it got.
 */
export function verifyTrajectory(trajectory: Trajectory, task: Task, tools: ToolSpec[]): Verdict {
  const validity = checkValidity(trajectory.messages, tools);
  const state = checkState(trajectory.finalState, task.finalState);
  if (trajectory.finalState === null && trajectory.status !== 'completed') {
    state.reason = `no final state to compare: the rollout ended as ${ending(trajectory)}`;
  }
  const exact = checkExact(trajectory.steps, task.calls, task.readOnly);
  const completed = trajectory.status === 'completed';
  const passed = completed && validity.pass && state.pass && (!task.readOnly || exact.pass);

  const reason = !completed
    ? `the rollout did not complete: it ended as ${ending(trajectory)}`
    : !validity.pass
      ? `validity: ${validity.reason}`
      : !state.pass
        ? `state: ${state.reason}`
        : task.readOnly && !exact.pass
          ? `exact match (read-only task): ${exact.reason}`
          : 'passed';
  const tags: string[] = [];
  // Refused calls on the way, and still the gold outcome: the kind of trajectory that teaches recovery.
  if (passed && trajectory.steps.some((s) => !s.ok)) tags.push('recovered');
  // An LLM said more than the limits allow and was cut: what it said is not what was recorded.
  if (trajectory.truncatedReplies) tags.push('truncated');
  return { validity, state, exact, passed, reason, tags };
}

function ending(t: Trajectory): string {
  return t.error ? `${t.status} (${t.error})` : t.status;
}

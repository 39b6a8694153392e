import { benchConversations } from './conversations';
import { benchDemo } from './demo';
import { benchEnvironments } from './environments';
import { benchExport } from './export';
import { benchFoundation } from './foundation';
import { benchGraph } from './graph';
import { benchGraphCli } from './graph-cli';
import { benchGraphFrames } from './graph-frames';
import { benchImport } from './import';
import { benchReplay } from './replay';
import { printResults } from './report';
import { benchRollouts } from './rollouts';
import { benchSandbox } from './sandbox';

/**
 * `npm run bench`: prints figures, asserts nothing. Scales and targets are in each issue; later
 * stages (graph, environments, demo) add their suites here.
 */
async function main() {
  console.log(`node ${process.version}, ${process.platform} ${process.arch}, ${(await import('node:os')).cpus().length} cores`);
  printResults('Foundation', await benchFoundation());
  printResults('Import (issue 3: 30,000 tools through the CLI; target < 20 s, < 1.5 GB)', await benchImport());
  printResults('Graph (issue 4: buildGraph over 30,000 tools; target < 15 s, < 2 GB)', await benchGraph());
  printResults('Graph through the CLI (issue 15: cli graph over 30,000 imported tools; target < 15 s on PGlite and Postgres)', await benchGraphCli());
  printResults(
    'Graph page frames (issue 15: the tool graph panned and zoomed in Chromium, per frame; 16.7 ms = 60 fps)',
    await benchGraphFrames().catch((e: Error) => [{ name: `skipped: ${e.message.split('\n')[0]}`, value: 0, unit: '' }]),
  );
  printResults('Sandbox (issue 5: calls on a 1,000-row state; target ≥ 2,000 calls/s)', await benchSandbox());
  printResults('Environments (heuristic generator on ToolBench domains; target ≥ 85% of tools pass validation)', await benchEnvironments());
  printResults(
    'Rollouts (issue 6: offline oracle on 5-call tasks, target ≥ 200/s; LLM orchestration overhead at 64 concurrent, target < 5 ms per turn)',
    await benchRollouts(),
  );
  printResults('Conversations (issue 14: 500+ sampled tasks; chained ≥ 90%, intent problems 0, raw JSON replies < 5%)', await benchConversations());
  printResults(
    'Replay (issue 13: τ-bench retail reference tasks on the real 1.2 MB db.json; target ≥ 55 tasks/s, τ-bench harness 10.9/s)',
    await benchReplay(),
  );
  printResults('Demo (issue 7: every stage offline through the CLI; target < 60 s)', await benchDemo());
  printResults('Export (issue 7: accepted and passed trajectories as SFT data)', await benchExport());
}

// Exits when the figures are printed: at 30,000 tools something (a worker's port) kept the
// process waiting after the last bench had closed everything it opened.
main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);

/** Commands about the studio as a whole: its status, and the demo that runs every stage. */

import { studioStatus } from '../../db/queries/health';
import { plural } from '../../../lib/text/plural';
import { command, reportProgress, withStudio } from './shared';

export const status = command({
  summary: 'database kind, applied migration and job counts',
  options: {},
  run: () =>
    withStudio('status', async (studio) => {
      const s = await studioStatus(studio);
      return { database: s.database, migration: s.migration, jobs: s.jobs };
    }),
  human: (s) =>
    `database:  ${s.database}\nmigration: ${s.migration}\njobs:      ${Object.entries(s.jobs)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}\n`,
});

export const demo = command({
  summary: 'load the built-in demo collection and run every stage offline: import, graph, environments, tasks, rollouts with some noise',
  options: {},
  run: () => withStudio('demo', async (studio) => (await import('../../stages/demo')).runDemo(studio.database.db, studio.config, reportProgress)),
  human: (o) =>
    `${plural(o.tools, 'tool')}, ${plural(o.domains.length, 'domain')} (${o.domains.map((d) => d.name).join('; ')})\n${plural(o.environments, 'environment')} (${plural(o.validTools, 'valid tool')}), ${plural(o.tasks, 'task')}\n` +
    `run ${o.run.id}: ${plural(o.trajectories, 'trajectory')}, ${o.passed} passed (${o.recovered} recovered), ${o.failed} failed verification: ready to review\n`,
});

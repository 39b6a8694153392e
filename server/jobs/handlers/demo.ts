import { z } from 'zod';
import { runDemo } from '../../demo/run-demo';
import type { JobContext } from '../context';

export const demoJobInput = z.object({});

/** The "Load demo" button: the demo collection through every stage, as `cli demo` does. */
export const runDemoJob = (_input: z.infer<typeof demoJobInput>, ctx: JobContext) => runDemo(ctx.db, ctx.config, (p, m) => ctx.progress(p, m));

import { z } from 'zod';
import { environmentContent, GENERATORS } from '../environment/model';
import { goldCall, INTENT_WRITERS, sampleSettings, TASK_SPLITS } from '../tasks/model';

/**
 * One environment version of a domain as a single JSON file: the version's content (schema and
 * tool code), the settings its state is seeded with, and the tasks sampled on it. Everything a
 * rollout needs, so the file imports back into an identical environment elsewhere.
 */

export const ENVIRONMENT_FILE_FORMAT = 'environment-studio/environment';
export const ENVIRONMENT_FILE_VERSION = 1;

/** A domain database as stored: table → primary key → row (the `State` type). */
const stateSchema = z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown())));

/**
 * A gold call as stored. `result` may be absent: a tool that returned nothing has an undefined
 * result, which JSON leaves out, and goldCall's `z.unknown()` rejects a missing key (not one that
 * is present and undefined), so the key is put back before goldCall checks the call.
 */
export const fileGoldCall = z.preprocess(
  (v) => (v && typeof v === 'object' && !Array.isArray(v) && !('result' in v) ? { ...v, result: undefined } : v),
  goldCall,
);

export const fileTask = z.object({
  seed: z.number().int(),
  initialState: stateSchema,
  calls: z.array(fileGoldCall),
  finalState: stateSchema,
  readOnly: z.boolean(),
  intent: z.string(),
  intentWriter: z.enum(INTENT_WRITERS),
  /** taskFingerprint(initialState, calls), checked on import. */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 hex digest'),
  /**
   * A task held out for evaluation where the file was made stays held out where it is imported, so
   * its trajectories never reach a training export there either. Files written before the split
   * was recorded read as 'train'.
   */
  split: z.enum(TASK_SPLITS).default('train'),
});
export type FileTask = z.infer<typeof fileTask>;

export const environmentFile = z.object({
  format: z.literal(ENVIRONMENT_FILE_FORMAT),
  version: z.literal(ENVIRONMENT_FILE_VERSION),
  domain: z.object({ name: z.string().min(1) }),
  environment: z.object({
    /** The version's number within its domain (1, 2, …). */
    number: z.number().int().min(1),
    generator: z.enum(GENERATORS),
    message: z.string(),
    /** ISO 8601 time the version was made. */
    createdAt: z.iso.datetime({ offset: true }).optional(),
    content: environmentContent,
  }),
  /** The settings the version's state is seeded with (seedState, validateEnvironment). */
  seedState: z.object({ seed: sampleSettings.shape.seed.unwrap(), rows: sampleSettings.shape.rows.unwrap() }),
  tasks: z.array(fileTask),
});
export type EnvironmentFile = z.infer<typeof environmentFile>;

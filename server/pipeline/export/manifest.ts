import { z } from 'zod';
import type { ChatMessage } from '../rollout/model';
import { LLAMA_FACTORY_DATASET_INFO } from './sharegpt';
import { trainingCounts } from '../rollout/trained';

export const EXPORT_FORMATS = ['openai', 'sharegpt'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Which trajectories become training data: those a reviewer accepted, or also those that passed
 * the three verification filters and nobody reviewed. A rejection always wins over a pass.
 */
export const EXPORT_SOURCES = ['accepted', 'accepted_or_passed'] as const;
export type ExportSource = (typeof EXPORT_SOURCES)[number];

/**
 * What an export takes. AgentScaler fine-tunes in two stages: first on every domain, so the model
 * learns tool use in general, then on the target (vertical) domains only, to specialise without
 * losing the general skill. So phase 1 takes every domain (targets included), and phase 2 only the
 * target domains' trajectories: those named in `targets`, or when none are named, the domains
 * marked as targets when it launches.
 */
export const exportSelection = z.object({
  format: z.enum(EXPORT_FORMATS),
  /** 1: general, every domain; 2: vertical, only the target domains. */
  phase: z.union([z.literal(1), z.literal(2)]).default(1),
  source: z.enum(EXPORT_SOURCES).default('accepted'),
  targets: z.array(z.uuid()).max(100_000).default([]),
});
export type ExportSelection = z.infer<typeof exportSelection>;

const count = z.number().int().min(0);

/** What a finished export holds, saved beside it and offered as its own download. */
export const exportManifest = z.object({
  format: z.enum(EXPORT_FORMATS),
  phase: z.union([z.literal(1), z.literal(2)]),
  source: z.enum(EXPORT_SOURCES),
  /** Phase 2's domains, by id and the name they had when the export ran. */
  targets: z.array(z.object({ id: z.string(), name: z.string() })),
  records: count,
  /** Messages written (each record ends on the agent's last message). */
  messages: count,
  /** Messages trained on (assistant turns without an injected mistake); the rest are context (user turns, tool results). */
  trainedMessages: count,
  /** Assistant turns that carry an injected mistake: written as context with weight 0 / loss mask 0. */
  maskedMessages: count.default(0),
  toolCalls: count,
  /** Records a reviewer accepted although they failed verification (the reviewer overruled the filters). */
  failedVerification: count,
  domains: z.array(z.object({ id: z.string().nullable(), name: z.string(), records: count })),
  environmentVersions: z.array(z.object({ id: z.string(), domainName: z.string(), number: z.number().int(), records: count })),
  /**
   * Held-out tasks (kept apart for evaluation) are never training data: their trajectories are
   * left out, and these are the ones the selection would otherwise have taken. Absent in
   * manifests written before tasks could be held out.
   */
  heldOut: z.object({ excluded: z.literal(true), trajectories: count, tasks: count }).optional(),
  createdAt: z.iso.datetime({ offset: true }),
  /** ShareGPT only: the entry for LLaMA-Factory's data/dataset_info.json that reads the file as it is. */
  datasetInfo: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});
export type ExportManifest = z.infer<typeof exportManifest>;

export type TalliedTrajectory = {
  domainId: string | null;
  domainName: string;
  environmentVersionId: string;
  environmentVersionNumber: number;
  /** Whether it passed the three verification filters. */
  passed: boolean;
  messages: ChatMessage[];
  /** Indices of assistant messages not trained on (trained.ts). */
  masked?: number[];
};

/** Counts what goes into an export, record by record, into its manifest. */
export class ManifestTally {
  private records = 0;
  private messages = 0;
  private trained = 0;
  private masked = 0;
  private toolCalls = 0;
  private failed = 0;
  private readonly domains = new Map<string, { id: string | null; name: string; records: number }>();
  private readonly versions = new Map<string, { id: string; domainName: string; number: number; records: number }>();

  add(t: TalliedTrajectory): void {
    this.records++;
    if (!t.passed) this.failed++;
    const counts = trainingCounts(t);
    this.messages += counts.messages;
    this.trained += counts.trained;
    this.masked += counts.masked;
    this.toolCalls += counts.toolCalls;
    // A trajectory whose domain is gone (merged, rebuilt) is still counted under the name it had.
    const domainKey = t.domainId ?? `name:${t.domainName}`;
    const domain = this.domains.get(domainKey) ?? { id: t.domainId, name: t.domainName, records: 0 };
    domain.records++;
    this.domains.set(domainKey, domain);
    const version = this.versions.get(t.environmentVersionId) ?? {
      id: t.environmentVersionId,
      domainName: t.domainName,
      number: t.environmentVersionNumber,
      records: 0,
    };
    version.records++;
    this.versions.set(t.environmentVersionId, version);
  }

  manifest(
    selection: ExportSelection,
    targets: Array<{ id: string; name: string }>,
    createdAt: Date,
    heldOut: { trajectories: number; tasks: number } = { trajectories: 0, tasks: 0 },
  ): ExportManifest {
    const byName = <T extends { records: number; domainName?: string; name?: string }>(a: T, b: T) =>
      b.records - a.records || String(a.name ?? a.domainName).localeCompare(String(b.name ?? b.domainName));
    const stamp = createdAt.toISOString();
    const file = exportFileName({ phase: selection.phase, format: selection.format, createdAt: stamp });
    return exportManifest.parse({
      format: selection.format,
      phase: selection.phase,
      source: selection.source,
      targets,
      records: this.records,
      messages: this.messages,
      trainedMessages: this.trained,
      maskedMessages: this.masked,
      toolCalls: this.toolCalls,
      failedVerification: this.failed,
      domains: [...this.domains.values()].sort(byName),
      environmentVersions: [...this.versions.values()].sort(byName),
      heldOut: { excluded: true, ...heldOut },
      createdAt: stamp,
      ...(selection.format === 'sharegpt' ? { datasetInfo: { [file.replace(/\.jsonl$/, '')]: { file_name: file, ...LLAMA_FACTORY_DATASET_INFO } } } : {}),
    });
  }
}

/** A download name that says what the file is: `phase1-general-openai-20261122-0712.jsonl`. */
export function exportFileName(m: Pick<ExportManifest, 'phase' | 'format' | 'createdAt'>): string {
  const stamp = m.createdAt.slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `phase${m.phase}-${m.phase === 1 ? 'general' : 'vertical'}-${m.format}-${stamp}.jsonl`;
}

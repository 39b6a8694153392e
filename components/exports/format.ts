import type { ExportFormat, ExportSource } from '@/server/pipeline/export/manifest';

export const FORMAT_LABELS: Record<ExportFormat, string> = {
  openai: 'OpenAI chat JSONL',
  sharegpt: 'ShareGPT with tools',
};

export const SOURCE_LABELS: Record<ExportSource, string> = {
  accepted: 'accepted',
  accepted_or_passed: 'accepted + unreviewed passes',
};

export const phaseLabel = (phase: 1 | 2) => (phase === 1 ? 'Phase 1 · general' : 'Phase 2 · vertical');

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const exportFileUrl = (id: string) => `/api/exports/${id}/file`;
export const exportManifestUrl = (id: string) => `/api/exports/${id}/manifest`;

/** The command that writes reviewed trajectories as training data. */

import { exportFileInput } from '../../stages/inputs';
import { EXPORT_FORMATS } from '../../pipeline/export/manifest';
import { plural } from '../../../lib/text/plural';
import { UsageError } from '../usage';
import { command, numberOptions, usageIssues, withStudio } from './shared';

export const exportCommand = command({
  summary: `write accepted trajectories as SFT data: --format ${EXPORT_FORMATS.join('|')} [--phase 1|2] [--target DOMAIN_ID...] [--include-passed] --out FILE (phase 2 without --target: the domains marked as targets)`,
  options: {
    format: { type: 'string' },
    phase: { type: 'string' },
    target: { type: 'string', multiple: true },
    'include-passed': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
  run: ({ values }) => {
    const parsed = exportFileInput.safeParse({
      format: values.format,
      phase: numberOptions(values)('phase'),
      source: values['include-passed'] ? 'accepted_or_passed' : 'accepted',
      targets: values.target,
      out: values.out,
    });
    if (!parsed.success) throw new UsageError(`export: ${usageIssues(parsed.error)}`);
    return withStudio('export', async (studio) => {
      const { ExportTargetsError, runExport } = await import('../../stages/export');
      const { manifest, ...written } = await runExport(studio.database.db, parsed.data).catch((e: unknown) => {
        throw e instanceof ExportTargetsError ? new UsageError(`export: --target: ${e.message}`) : e;
      });
      return {
        ...written,
        format: manifest.format,
        phase: manifest.phase,
        source: manifest.source,
        domains: manifest.domains.length,
        heldOut: manifest.heldOut?.trajectories ?? 0,
      };
    });
  },
  human: (o) =>
    `${plural(o.records, 'record')} (${o.format}, phase ${o.phase}, ${o.source.replaceAll('_', ' ')}) from ${plural(o.domains, 'domain')} written to ${o.file}; manifest: ${o.manifestFile}\n` +
    (o.heldOut ? `${plural(o.heldOut, 'trajectory')} of held-out tasks left out (kept for evaluation).\n` : '') +
    (o.records === 0 && o.source === 'accepted'
      ? 'No trajectory is accepted yet: review them in the studio (Review), or add --include-passed for those that passed verification.\n'
      : ''),
});

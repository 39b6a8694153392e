/** API keys from the command line: how a trainer or an MCP client gets its bearer key. */

import { ZodError } from 'zod';
import { addApiKey, listApiKeys, revokeApiKey, type ApiKeyInfo } from '../../auth/api-keys';
import { UsageError } from '../usage';
import { command, usageIssues, withStudio } from './shared';

type Listed = Omit<ApiKeyInfo, 'createdAt' | 'lastUsedAt' | 'revokedAt'> & { createdAt: string; lastUsedAt: string | null; revokedAt: string | null };
type KeysOutput = { key: string; id: string; prefix: string; name: string; email: string } | Listed | Listed[];

const listed = (k: ApiKeyInfo): Listed => ({
  ...k,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

export const keys = command<KeysOutput>({
  summary: 'API keys for machine clients: keys add --email E [--name N] (the key is shown once); keys list [--email E]; keys revoke ID|PREFIX',
  options: { email: { type: 'string' }, name: { type: 'string' } },
  run: ({ values, positionals }) => {
    const [action, ...rest] = positionals;
    if (action === 'revoke') {
      if (rest.length !== 1) throw new UsageError('keys revoke needs one key id or prefix (see keys list)');
      return withStudio('keys revoke', async (studio) => listed(await revokeApiKey(studio.database.db, rest[0]!)));
    }
    if (rest.length) throw new UsageError(`keys ${action}: unexpected "${rest[0]}"`);
    if (action === 'list')
      return withStudio('keys list', async (studio) => (await listApiKeys(studio.database.db, values.email as string | undefined)).map(listed));
    if (action !== 'add')
      throw new UsageError(action ? `keys: unknown action "${action}"; use add, list or revoke` : 'keys needs an action: add, list or revoke');
    if (typeof values.email !== 'string') throw new UsageError('keys add needs --email');
    return withStudio('keys add', async (studio) => {
      try {
        return await addApiKey(studio.database.db, { email: values.email as string, name: values.name as string | undefined });
      } catch (e) {
        if (e instanceof ZodError) throw new UsageError(usageIssues(e));
        throw e;
      }
    });
  },
  human: (out) => {
    const line = (k: Listed) => `${k.prefix}…  ${k.email}  ${k.name}${k.revokedAt ? '  (revoked)' : ''}  [${k.id}]\n`;
    if (Array.isArray(out)) return out.length ? out.map(line).join('') : 'no API keys yet: keys add --email E\n';
    if ('key' in out) return `${out.key}\nAPI key for ${out.email} (${out.name}): shown only now, keep it; send it as "Authorization: Bearer <key>".\n`;
    return `revoked ${line(out)}`;
  },
});

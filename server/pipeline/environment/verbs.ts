import { nameNouns } from './entities';

/**
 * What a tool does to its table, from its verb and its op. The op wins over the verb: ToolBench's
 * `CatalogAPI_Set_Item_Quantity` is an HTTP GET, so it is generated as a read and must not write.
 */
export type ReadKind = 'fetch' | 'list' | 'search' | 'compute';
export type WriteKind = 'create' | 'update' | 'delete' | 'status' | 'write';
export type Intent = { op: 'read'; kind: ReadKind; verb: string | null } | { op: 'write'; kind: WriteKind; verb: string | null; statusTarget?: string };

const LIST = new Set('list query browse'.split(' '));
const SEARCH = new Set('search find lookup suggest recommend autocomplete match'.split(' '));
const COMPUTE = new Set('count calculate compute estimate convert compare summarize explain translate think sum average'.split(' '));

const CREATE = new Set(
  'create add insert register new book reserve place submit upload post make generate issue invite send schedule subscribe import apply join buy purchase open save write'.split(
    ' ',
  ),
);
const UPDATE = new Set(
  'update modify edit change set rename move replace assign patch adjust configure toggle upgrade reset mark reorder swap put upsert merge'.split(' '),
);
const DELETE = new Set('delete remove destroy drop erase purge clear unsubscribe leave'.split(' '));

/** Status verbs and the status they leave a record in. */
export const STATUS_TARGETS: Record<string, string> = {
  cancel: 'cancelled',
  approve: 'approved',
  reject: 'rejected',
  decline: 'declined',
  confirm: 'confirmed',
  close: 'closed',
  archive: 'archived',
  unarchive: 'active',
  activate: 'active',
  deactivate: 'inactive',
  enable: 'enabled',
  disable: 'disabled',
  lock: 'locked',
  unlock: 'unlocked',
  block: 'blocked',
  unblock: 'active',
  suspend: 'suspended',
  complete: 'completed',
  finish: 'completed',
  return: 'returned',
  exchange: 'exchanged',
  refund: 'refunded',
  ship: 'shipped',
  deliver: 'delivered',
  publish: 'published',
  unpublish: 'draft',
  pause: 'paused',
  resume: 'active',
  start: 'started',
  stop: 'stopped',
  revoke: 'revoked',
  expire: 'expired',
  withdraw: 'withdrawn',
};

/**
 * The tool's verb: the first one in its name. Not the description's: validation sees only what a
 * version stores (name, op, parameters), and must read a tool the way generation did.
 */
export function toolVerb(name: string): string | null {
  return nameNouns(name).verb;
}

/** The kind of write a verb alone makes (`set` → update), or null for a verb that does not write. */
export function writeKindOf(verb: string): WriteKind | null {
  if (STATUS_TARGETS[verb]) return 'status';
  return CREATE.has(verb) ? 'create' : UPDATE.has(verb) ? 'update' : DELETE.has(verb) ? 'delete' : null;
}

export function toolIntent(tool: { name: string; op: 'read' | 'write' }): Intent {
  const verb = toolVerb(tool.name);
  const v = verb ?? '';
  if (tool.op === 'read') {
    const kind: ReadKind = LIST.has(v) ? 'list' : SEARCH.has(v) ? 'search' : COMPUTE.has(v) ? 'compute' : 'fetch';
    return { op: 'read', kind, verb };
  }
  if (STATUS_TARGETS[v]) return { op: 'write', kind: 'status', verb, statusTarget: STATUS_TARGETS[v] };
  const kind: WriteKind = CREATE.has(v) ? 'create' : UPDATE.has(v) ? 'update' : DELETE.has(v) ? 'delete' : 'write';
  return { op: 'write', kind, verb };
}

/** The status a record starts in: "pending" where it must later be approved, cancelled or shipped. */
export function initialStatus(targets: string[]): string {
  const awaiting = ['approved', 'rejected', 'declined', 'confirmed', 'cancelled', 'shipped', 'delivered', 'completed', 'refunded', 'returned', 'exchanged'];
  return targets.some((t) => awaiting.includes(t)) ? 'pending' : 'active';
}

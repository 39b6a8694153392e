import { isRecord } from '../finalize';
import type { ImportWarning, RawTool, ToolExample } from '../model';
import { markedFromExamples, schemaOfExamples } from './example-schema';
import { pointerOf, RefError, RefResolver } from './json-refs';
import { addParameters, addRequestBody, ParameterBuilder } from './openapi-operation';
import { responseExamples, responseSchema, successResponse } from './openapi-response';
import type { FormatReader, ReadResult } from './reader';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export const openapiReader: FormatReader = {
  format: 'openapi',
  label: 'OpenAPI 3.0/3.1',
  check: (doc) => (isRecord(doc) && typeof doc.openapi === 'string' && doc.openapi.startsWith('3.') ? null : 'no "openapi": "3.x" field'),
  read: (doc, file) => readOperations(doc as Record<string, unknown>, file, 3),
};

export const swaggerReader: FormatReader = {
  format: 'swagger',
  label: 'Swagger 2.0',
  check: (doc) => (isRecord(doc) && String(doc.swagger) === '2.0' ? null : 'no "swagger": "2.0" field'),
  read: (doc, file) => readOperations(doc as Record<string, unknown>, file, 2),
};

/** OpenAPI versions this importer does not read, so the answer is "not supported" rather than "unknown". */
export function openapiUnsupportedReason(doc: unknown): string | null {
  if (!isRecord(doc)) return null;
  if (typeof doc.openapi === 'string' && !doc.openapi.startsWith('3.')) return `OpenAPI ${doc.openapi} is not supported: OpenAPI 3.0, 3.1 and Swagger 2.0 are`;
  if (doc.swagger !== undefined && String(doc.swagger) !== '2.0')
    return `Swagger ${String(doc.swagger)} is not supported: convert it to Swagger 2.0 or OpenAPI 3`;
  if (typeof doc.swaggerVersion === 'string') return `Swagger ${doc.swaggerVersion} is not supported: convert it to Swagger 2.0 or OpenAPI 3`;
  if (typeof doc.asyncapi === 'string') return `AsyncAPI ${doc.asyncapi} is not supported: it describes message channels, not callable operations`;
  return null;
}

/**
 * One tool per operation under `paths` (and, in OpenAPI 3.1, under `webhooks`). An operation whose
 * parameters cannot be resolved is skipped with a warning at its pointer; the rest still import.
 */
function readOperations(doc: Record<string, unknown>, file: string, version: 2 | 3): ReadResult {
  const refs = new RefResolver(doc);
  const raw: RawTool[] = [];
  const warnings: ImportWarning[] = [];
  const format = version === 3 ? 'openapi' : 'swagger';

  const groups: Array<{ key: 'paths' | 'webhooks'; items: unknown }> = [
    { key: 'paths', items: doc.paths },
    { key: 'webhooks', items: doc.webhooks },
  ];
  for (const { key, items } of groups) {
    if (items === undefined) continue;
    if (!isRecord(items)) {
      warnings.push({ file, pointer: `/${key}`, message: `"${key}" is not an object: skipped` });
      continue;
    }
    for (const [path, itemRef] of Object.entries(items)) {
      const itemAt = pointerOf(key, path);
      let item: unknown;
      try {
        item = refs.follow(itemRef, itemAt).value;
      } catch (e) {
        if (!(e instanceof RefError)) throw e;
        warnings.push({ file, pointer: itemAt, message: `${e.message}: path skipped` });
        continue;
      }
      if (!isRecord(item)) {
        warnings.push({ file, pointer: itemAt, message: 'path item is not an object: skipped' });
        continue;
      }
      for (const method of METHODS) {
        const op = item[method];
        if (op === undefined) continue;
        const at = `${itemAt}/${method}`;
        if (!isRecord(op)) {
          warnings.push({ file, pointer: at, message: 'operation is not an object: skipped' });
          continue;
        }
        const label = key === 'webhooks' ? path : `${method.toUpperCase()} ${path}`;
        try {
          raw.push(toolOf({ refs, op, item, itemAt, at, method, path, label, version, webhook: key === 'webhooks', file, format, warnings }));
        } catch (e) {
          if (!(e instanceof RefError)) throw e;
          warnings.push({ file, pointer: e.at || at, message: `${label} skipped: ${e.message}` });
        }
      }
    }
  }
  const info = isRecord(doc.info) ? doc.info : {};
  return { raw, warnings, title: typeof info.title === 'string' ? info.title : undefined };
}

type OperationInput = {
  refs: RefResolver;
  op: Record<string, unknown>;
  item: Record<string, unknown>;
  itemAt: string;
  at: string;
  method: string;
  path: string;
  label: string;
  version: 2 | 3;
  webhook: boolean;
  file: string;
  format: 'openapi' | 'swagger';
  warnings: ImportWarning[];
};

function toolOf(x: OperationInput): RawTool {
  x.refs.reset();
  const params = new ParameterBuilder();
  // A path item's parameters are read for each of its operations: said once.
  const warn = (pointer: string, message: string) => {
    if (!x.warnings.some((w) => w.pointer === pointer)) x.warnings.push({ file: x.file, pointer, message: `${x.label}: ${message}` });
  };
  addParameters(
    params,
    x.refs,
    [
      { list: x.item.parameters, at: `${x.itemAt}/parameters` },
      { list: x.op.parameters, at: `${x.at}/parameters` },
    ],
    x.version,
    warn,
  );
  if (x.version === 3) addRequestBody(params, x.refs, x.op.requestBody, `${x.at}/requestBody`);

  const cuts = x.refs.cuts;
  if (cuts.length)
    x.warnings.push({
      file: x.file,
      pointer: x.at,
      message: `${x.label}: ${cuts.length} parameter schema part(s) too large or deep to inline were cut, first at ${cuts[0]}`,
    });

  let returns: Record<string, unknown> | null = null;
  let examples: ToolExample[] = [];
  try {
    const success = successResponse(x.refs, x.op.responses, `${x.at}/responses`, x.version);
    if (success) {
      const inlined = responseSchema(x.refs, success);
      returns = inlined.schema;
      if (inlined.cut)
        x.warnings.push({ file: x.file, pointer: success.at, message: `${x.label}: response schema too large or deep: its deepest parts were left out` });
      examples = responseExamples(x.refs, success);
      // No schema but examples: the examples are the evidence of what comes back.
      if (!returns && examples.length) returns = markedFromExamples(schemaOfExamples(examples.map((e) => e.value))) ?? null;
    }
  } catch (e) {
    // A broken response schema loses the return type, not the tool.
    if (!(e instanceof RefError)) throw e;
    x.warnings.push({ file: x.file, pointer: e.at, message: `${x.label}: response schema dropped: ${e.message}` });
  }

  const summary = typeof x.op.summary === 'string' ? x.op.summary.trim() : '';
  const details = typeof x.op.description === 'string' ? x.op.description.trim() : '';
  const description = [summary, details && details !== summary ? details : ''].filter(Boolean).join('\n\n') || x.label;
  const hasId = typeof x.op.operationId === 'string' && x.op.operationId.trim() !== '';
  const name = hasId ? (x.op.operationId as string) : x.webhook ? x.path : `${x.method} ${x.path}`;
  const tags = Array.isArray(x.op.tags) ? x.op.tags.filter((t): t is string => typeof t === 'string') : [];
  return {
    name,
    nameIsLabel: !hasId,
    description,
    parameters: params.schema(),
    returns,
    examples,
    method: x.method,
    source: { format: x.format, file: x.file, pointer: x.at },
    tags: x.webhook ? [...tags, 'webhook'] : tags,
  };
}

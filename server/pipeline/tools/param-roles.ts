import { words } from '../kernel/words';

/**
 * What a parameter is for when it names no record: paging (limit, offset, page, cursors), a free-text
 * query, or a transport detail of the real API (api_key, format). Later stages read these the same
 * way: the graph gives them little weight and never names a domain after them, the environment makes
 * no column of them, and sampled calls leave the optional ones out.
 */

const LIMIT = new Set(['limit', 'count', 'per_page', 'page_size', 'max_results', 'max', 'top', 'n', 'num', 'number_of_results']);
const OFFSET = new Set(['offset', 'skip', 'start', 'cursor']);
const PAGE = new Set(['page', 'page_number', 'page_num', 'pageno']);
const QUERY = new Set(['query', 'q', 'search', 'keyword', 'keywords', 'term', 'search_term', 'search_query', 'search_text', 'searchterm', 'text_query']);
/** Cursors of paged APIs (Twitter's `max_id`): positions in a listing, not records. */
const CURSORS = new Set([
  'max_id',
  'min_id',
  'since_id',
  'until_id',
  'next_id',
  'prev_id',
  'cursor_id',
  'next_cursor',
  'page_token',
  'next_page_token',
  'pagination_token',
  'continuation',
  'continuation_token',
]);
/** Transport details of the real API that mean nothing to a simulated database. */
const IGNORED = new Set([
  'callback',
  'api_key',
  'apikey',
  'token',
  'access_token',
  'auth',
  'authorization',
  'format',
  'fields',
  'sort',
  'sort_by',
  'sortby',
  'order_by',
  'orderby',
  'ordering',
  'sort_order',
  'direction',
  'lang',
  'locale',
  'pretty',
  'jsonp',
  'fmt',
  'output',
  'rapidapi_key',
  'x_rapidapi_key',
  'x_rapidapi_host',
]);

const snake = (name: string) => words(name).join('_');

/** Paging, free-text query and transport parameters: not columns of any table. */
export function metaRole(param: string): 'limit' | 'offset' | 'page' | 'query' | 'ignored' | null {
  const s = snake(param);
  if (LIMIT.has(s)) return 'limit';
  if (OFFSET.has(s)) return 'offset';
  if (PAGE.has(s)) return 'page';
  if (QUERY.has(s)) return 'query';
  if (IGNORED.has(s) || CURSORS.has(s)) return 'ignored';
  return null;
}

const CURSOR_WORDS = new Set(['max', 'min', 'since', 'until', 'next', 'prev', 'previous', 'cursor']);

/**
 * A parameter nobody sends unless they must: a transport detail (`api_key`, `format`) or a cursor
 * into a listing (`max_id`, `next_max_id`), whose value only an earlier page could give.
 */
export function isPlumbing(param: string): boolean {
  if (metaRole(param) === 'ignored') return true;
  const ws = words(param);
  if (ws.length === 1 && ws[0] === 'cursor') return true;
  const last = ws[ws.length - 1] ?? '';
  return (last === 'id' || last === 'cursor' || last === 'token') && ws.slice(0, -1).some((w) => CURSOR_WORDS.has(w));
}

/** Positions in a listing given as a neighbouring record's id (`before`, `after`, `around`). */
const POSITIONS = new Set(['before', 'after', 'around']);

/** Any parameter about the listing or the transport rather than the records: see the module comment. */
export function isMetaParam(param: string): boolean {
  return metaRole(param) !== null || isPlumbing(param) || POSITIONS.has(snake(param));
}

import { invalid } from '../kernel/errors';
import { readBodyCapped } from './read-body';

/** A request's JSON body, at most `max` bytes; an empty body is `{}`; anything else than JSON is a sentence. */
export async function readJsonBody(request: Request, max = 1024 * 1024): Promise<unknown> {
  const bytes = await readBodyCapped(request, max);
  if (bytes.byteLength === 0) return {};
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw invalid('The request body is not JSON: send a JSON object.');
  }
}

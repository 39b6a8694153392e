/**
 * Sends one file as a request's raw body (its name in `X-File-Name`) and answers with the JSON the
 * route returns, or throws the route's sentence. Size is checked here first so a file over the limit
 * is not sent at all; the server enforces the same cap while reading.
 */
export async function uploadFile<T>(url: string, file: File, maxBytes: number): Promise<T> {
  if (file.size > maxBytes) throw new Error(`${file.name} is ${(file.size / 2 ** 20).toFixed(1)} MB; the limit is ${maxBytes / 2 ** 20} MB.`);
  if (file.size === 0) throw new Error(`${file.name} is empty.`);
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', body: file, headers: { 'Content-Type': 'application/json', 'X-File-Name': encodeURIComponent(file.name) } });
  } catch (e) {
    throw new Error(`The studio could not be reached (${(e as Error).message}).`, { cause: e });
  }
  const body = (await res.json().catch(() => null)) as ({ error?: string } & T) | null;
  if (!res.ok) throw new Error(body?.error ?? `The upload failed (HTTP ${res.status}).`);
  return body as T;
}

export const formatBytes = (n: number) => (n < 1024 ? `${n} B` : n < 2 ** 20 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 2 ** 20).toFixed(1)} MB`);

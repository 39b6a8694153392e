import type { LlmConfig } from './client';
import { withoutCredentials } from '../config';

/** Why a URL may not be used as an LLM endpoint, as a sentence; null when it may. */
export function refusedBaseUrl(config: LlmConfig, url: string, who: string): string | null {
  let origin: string;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return `The base URL for ${who} must be http or https, not ${u.protocol}.`;
    origin = u.origin;
  } catch {
    return `The base URL for ${who} is not a URL.`;
  }
  const allowed = allowedOrigins(config);
  if (allowed.includes(origin)) return null;
  const shown = withoutCredentials(url);
  if (allowed.length === 0)
    return `The base URL ${shown} for ${who} is not allowed: no LLM endpoint is configured, so list the endpoints runs may use in STUDIO_LLM_ALLOWED_BASE_URLS.`;
  return `The base URL ${shown} for ${who} is not allowed: runs may use ${allowed.join(', ')} only; add its origin to STUDIO_LLM_ALLOWED_BASE_URLS to allow it.`;
}

/**
 * The studio calls the endpoints a run names and records what they answer: only origins the
 * configuration allows, so a run cannot make the server fetch from its own network (SSRF).
 */
function allowedOrigins(config: LlmConfig): string[] {
  if (config.allowedOrigins) return config.allowedOrigins;
  try {
    return config.baseUrl ? [new URL(config.baseUrl).origin] : [];
  } catch {
    return [];
  }
}

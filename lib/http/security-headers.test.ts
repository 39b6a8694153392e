import { describe, expect, it } from 'vitest';

type Rule = { source: string; headers: Array<{ key: string; value: string }> };

describe('the security headers in next.config.js', () => {
  it('sets a CSP, nosniff, frame denial and a referrer policy on every path', async () => {
    const { default: nextConfig } = (await import('../../next.config.js' as string)) as { default: { headers(): Promise<Rule[]> } };
    const rules = await nextConfig.headers();
    expect(rules).toHaveLength(1);
    expect(rules[0]!.source).toBe('/:path*');
    const headers = Object.fromEntries(rules[0]!.headers.map((h) => [h.key, h.value]));
    expect(headers).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'same-origin' });
    const csp = Object.fromEntries(headers['Content-Security-Policy']!.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(csp).toMatchObject({
      'default-src': "'self'",
      'frame-ancestors': "'none'",
      'object-src': "'none'",
      'worker-src': "'self' blob:",
      'connect-src': "'self'",
    });
    // Outside development nothing may be evaluated from strings.
    expect(csp['script-src']).toBe("'self' 'unsafe-inline'");
  });
});

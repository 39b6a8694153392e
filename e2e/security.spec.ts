import { expect, test } from './fixtures';

test('every response carries the security headers, and a cross-site upload is refused', async ({ page, request }) => {
  for (const path of ['/', '/api/health', '/monaco/vs/loader.js']) {
    const res = await request.get(path);
    const headers = res.headers();
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['x-frame-options'], path).toBe('DENY');
    expect(headers['referrer-policy'], path).toBe('same-origin');
    expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy'], path).not.toContain('unsafe-eval');
  }

  const refused = await request.post('/api/uploads', {
    headers: { origin: 'http://evil.example' },
    multipart: { files: { name: 'trains.json', mimeType: 'application/json', buffer: Buffer.from('{"openapi":"3.0.0"}') } },
  });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error).toMatch(/^The studio refused this POST request because it came from another site's page/);

  // The page itself loads under the policy (the fixture fails the test on anything it blocked).
  await page.goto('/');
  await expect(page.locator('body')).toBeVisible();
});

import { chromium } from '@playwright/test';
const [,, path = '/graph', name = 'a', width = '1440', ...actions] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const p = await b.newPage({ viewport: { width: Number(width), height: 900 } });
p.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console:', m.text().slice(0, 300)); });
p.on('pageerror', (e) => console.log('pageerror:', e.message));
await p.goto('http://localhost:3400' + path, { timeout: 180000 });
await p.waitForSelector('[data-testid=cytoscape] canvas', { timeout: 180000 });
await p.waitForTimeout(1500);
for (const a of actions) {
  if (a.startsWith('type:')) { await p.getByRole('textbox', { name: 'Find a tool or domain' }).fill(a.slice(5)); await p.waitForTimeout(1200); }
  if (a === 'enter') { await p.keyboard.press('Enter'); await p.waitForTimeout(800); }
}
await p.screenshot({ path: `/tmp/tg-${name}.png` });
console.log(await p.getByTestId('graph-search-result').textContent().catch(() => 'no result text'));
await b.close();

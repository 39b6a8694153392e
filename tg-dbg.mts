import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium } from '@playwright/test';
const dir = '/tmp/tg-frames'; fs.mkdirSync(dir, { recursive: true });
await build({ entryPoints: ['bench/graph-frames-page.ts'], bundle: true, format: 'iife', outfile: path.join(dir, 'page.js'), logLevel: 'error' });
fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><body style="margin:0"><div id="cy" style="width:1000px;height:600px"></div><script src="page.js"></script></body>');
const args = process.argv[2] === 'gpu' ? ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'] : ['--no-sandbox', '--disable-gpu'];
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args });
for (const q of process.argv.slice(3)) {
  const p = await b.newPage({ viewport: { width: 1000, height: 600 } });
  await p.goto(`file://${dir}/index.html?${q}`);
  await p.waitForFunction('Boolean(window.benchInfo)');
  const f = (await p.evaluate('window.benchPanZoom(2)')) as number[];
  f.sort((a, b) => a - b);
  console.log(q, 'median', f[Math.floor(f.length / 2)]!.toFixed(1), 'n', f.length);
  await p.close();
}
await b.close();

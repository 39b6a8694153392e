import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chromium } from '@playwright/test';
import { printResults, round, type BenchResult } from './report';

/**
 * Frame time of the Graph page's tool graph in Chromium while it is panned and zoomed (issue 15:
 * 5,000 tools should pan and zoom smoothly). Opens bench/graph-frames-page.ts (the page's own
 * elements, style, layout and renderer options over a synthetic build) with Playwright, moves the
 * viewport every animation frame for a few seconds, and reports the intervals between frames:
 * 16.7 ms is 60 frames per second. Chromium runs headless: without a GPU, WebGL is SwiftShader's
 * software rendering, so a machine with a GPU does better.
 */
const SECONDS = Number(process.env.BENCH_FRAMES_SECONDS ?? 4);

export async function benchGraphFrames(sizes = [1000, 5000]): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-bench-frames-'));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const results: BenchResult[] = [];
  try {
    await build({
      entryPoints: [path.join(import.meta.dirname, 'graph-frames-page.ts')],
      bundle: true,
      format: 'iife',
      outfile: path.join(dir, 'page.js'),
      logLevel: 'error',
      tsconfig: path.join(import.meta.dirname, '..', 'tsconfig.json'),
    });
    fs.writeFileSync(
      path.join(dir, 'index.html'),
      '<!doctype html><body style="margin:0"><div id="cy" style="width:1000px;height:600px"></div><script src="page.js"></script></body>',
    );
    for (const tools of sizes) {
      for (const renderer of ['webgl', 'canvas'] as const) {
        const page = await browser.newPage({ viewport: { width: 1000, height: 600 } });
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(`${pathToFileURL(path.join(dir, 'index.html')).href}?tools=${tools}&renderer=${renderer}`);
        await page.waitForFunction('Boolean(window.benchInfo)', undefined, { timeout: 120_000 });
        if (errors.length) throw new Error(errors.join('\n'));
        const info = (await page.evaluate('window.benchInfo')) as Window['benchInfo'];
        // Strings, not functions: tsx's transform would put helpers into them that the page lacks.
        const frames = (await page.evaluate(`window.benchPanZoom(${SECONDS})`)) as number[];
        // As a person does it: drag to pan, the wheel to zoom. The canvas renderer then draws a cached
        // texture while the view moves (textureOnViewport) and hides edges; the WebGL one draws everything.
        await page.evaluate('window.stopRecording = window.benchRecord()');
        const until = performance.now() + SECONDS * 1000;
        await page.mouse.move(500, 300);
        for (let i = 0; performance.now() < until; i++) {
          if (i % 2 === 0) {
            await page.mouse.down();
            await page.mouse.move(500 + 200 * Math.cos(i), 300 + 120 * Math.sin(i), { steps: 12 });
            await page.mouse.up();
          } else for (let k = 0; k < 6; k++) await page.mouse.wheel(0, i % 4 === 1 ? -120 : 120);
        }
        const byMouse = (await page.evaluate('window.stopRecording()')) as number[];
        await page.close();
        const label = `${tools.toLocaleString()} tools, ${info.edges.toLocaleString()} edges, ${renderer === 'webgl' ? (info.webgl ? 'WebGL' : 'WebGL unavailable') : 'canvas'}`;
        results.push({ name: `${label}: first draw set up`, value: round(info.setupMs, 0), unit: 'ms' });
        for (const [how, f] of [
          ['programmatic pan+zoom', frames],
          ['mouse drag+wheel', byMouse],
        ] as const) {
          const sorted = [...f].sort((a, b) => a - b);
          const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
          results.push(
            { name: `${label}, ${how}: median frame`, value: round(at(0.5), 1), unit: 'ms' },
            { name: `${label}, ${how}: 95th percentile frame`, value: round(at(0.95), 1), unit: 'ms' },
            { name: `${label}, ${how}: frames per second`, value: round((1000 * f.length) / f.reduce((a, b) => a + b, 0), 1), unit: 'fps' },
          );
        }
      }
    }
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const sizes = process.argv.slice(2).map(Number).filter(Boolean);
  benchGraphFrames(sizes.length ? sizes : undefined)
    .then((r) => printResults(`Graph page frames (issue 15: pan and zoom in Chromium, ${SECONDS} s each; 16.7 ms = 60 fps)`, r))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}

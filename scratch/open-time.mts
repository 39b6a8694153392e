const t0 = performance.now();
const { openStudio } = await import('../server/studio');
const { readConfig } = await import('../server/config');
const t1 = performance.now();
const studio = await openStudio({ config: readConfig({ STUDIO_DATA_DIR: process.argv[2]! }), command: 'x' });
const t2 = performance.now();
await studio.close();
const t3 = performance.now();
console.log(`load ${(t1 - t0).toFixed(0)} ms, open ${(t2 - t1).toFixed(0)} ms, close ${(t3 - t2).toFixed(0)} ms, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);

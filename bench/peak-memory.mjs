// Preloaded into a benchmarked child process: reports its peak resident memory on exit, on stderr,
// so the benchmark measures the whole command (parsing, import, database) without changing it.
import fs from 'node:fs';

process.on('exit', () => {
  fs.writeSync(2, `\n@@peak-rss-kb ${process.resourceUsage().maxRSS}\n`);
});

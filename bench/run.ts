import { benchFoundation } from './foundation';
import { printResults } from './report';

/**
 * `npm run bench`: prints figures, asserts nothing. Scales and targets are in each issue; later
 * stages (graph, environments, demo) add their suites here.
 */
async function main() {
  console.log(`node ${process.version}, ${process.platform} ${process.arch}, ${(await import('node:os')).cpus().length} cores`);
  printResults('Foundation', await benchFoundation());
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

import { openStudio } from '../server/studio';
import { readConfig } from '../server/config';
const t0 = performance.now();
const studio = await openStudio({ config: readConfig(), workers: 0, command: 'x' });
const t1 = performance.now();
console.log('open', ((t1 - t0) / 1000).toFixed(2));
await studio.close();
console.log('close', ((performance.now() - t1) / 1000).toFixed(2));

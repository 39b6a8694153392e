import fs from 'node:fs';
import { realTools, replicate } from '../bench/import';
fs.writeFileSync('/tmp/tools-30k.json', JSON.stringify(replicate(realTools(), 30000)));

// Serves Monaco from the app itself (public/monaco/vs): the studio must work with no internet,
// so the editor cannot come from a CDN. Copied, not committed, so it always matches the
// installed monaco-editor version.
import fs from 'node:fs';
import path from 'node:path';

// monaco-editor's exports map hides package.json, so find the package folder itself.
const pkgDir = path.join(process.cwd(), 'node_modules', 'monaco-editor');
const from = path.join(pkgDir, 'min', 'vs');
const to = path.join(process.cwd(), 'public', 'monaco', 'vs');
const version = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
const stamp = path.join(to, '.version');

if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === version) process.exit(0);
fs.rmSync(to, { recursive: true, force: true });
fs.cpSync(from, to, { recursive: true });
fs.writeFileSync(stamp, version);
console.log(`monaco-editor ${version} copied to public/monaco/vs`);

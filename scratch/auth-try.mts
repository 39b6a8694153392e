import { openStudio } from '../server/studio';
import { readConfig } from '../server/config';
import { studioAuth } from '../server/auth/auth';
const dir = '/tmp/auth-try-' + Date.now();
const studio = await openStudio({ config: readConfig({ STUDIO_DATA_DIR: dir }) });
const auth = await studioAuth(studio.database.db, studio.config);
const t0 = Date.now();
const created = await auth.api.createUser({ body: { email: 'a@x.test', password: 'secret-pass-1', name: 'Ada', role: 'admin' } });
console.log('created', created.user, Date.now() - t0);
const res = await auth.api.signInEmail({ body: { email: 'a@x.test', password: 'secret-pass-1' }, asResponse: true, headers: new Headers({ host: '127.0.0.1:3000' }) });
console.log(res.status, res.headers.get('set-cookie'));
const cookie = res.headers.get('set-cookie')!.split(';')[0];
const s = await auth.api.getSession({ headers: new Headers({ cookie }) });
console.log('session', s?.user);
try { await auth.api.signUpEmail({ body: { email: 'b@x.test', password: 'secret-pass-1', name: 'B' } }); console.log('signup allowed!'); } catch (e) { console.log('signup refused', (e as Error).message); }
const bad = await auth.api.signInEmail({ body: { email: 'a@x.test', password: 'wrong-pass-1' }, asResponse: true });
console.log('bad', bad.status, await bad.text());
await studio.close();

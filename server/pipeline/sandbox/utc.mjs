// Local time inside the sandbox is UTC, whatever the server's TZ.
//
// QuickJS has no time zone code of its own: through Emscripten's localtime() it asks the Date of
// the realm it runs in (this worker's) for the local fields and the zone offset. Pointing that
// Date's local accessors at the UTC ones makes `new Date().getHours()`, `new Date(2025, 0, 1)` and
// `Date()` inside a tool the same on every machine. Nothing else in the worker uses local time;
// the server's own realm is untouched.

const proto = Date.prototype;
for (const unit of ['FullYear', 'Month', 'Date', 'Day', 'Hours', 'Minutes', 'Seconds', 'Milliseconds']) {
  proto[`get${unit}`] = proto[`getUTC${unit}`];
  if (unit !== 'Day') proto[`set${unit}`] = proto[`setUTC${unit}`];
}
proto.getTimezoneOffset = () => 0;

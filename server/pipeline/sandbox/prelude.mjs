// The code a session runs inside its QuickJS context, once, before any tool. It is written as a real
// function (so it is parsed and linted like the rest of the worker) and shipped into QuickJS as
// source text via `toString()`: it must not refer to anything outside itself.
//
// It returns the session's plumbing: `call(fn, argsJson)` runs one compiled tool on the session's
// database, `dump()` gives the database as JSON, `delta()` the rows that may differ from the start
// (see "Lazy loading" below), `describe(error)` turns any thrown value into a tagged string. Everything crosses the QuickJS boundary as one string with a one-letter tag, so the
// host makes one getString per call and never walks guest objects:
//   'r' + JSON   the tool returned a JSON value
//   'u'          the tool returned undefined (or something JSON.stringify drops, like a function)
//   'o' + N      the JSON of the result has N characters, over the output limit (not sent)
//   'e' + JSON   the tool threw: {"name", "message", "stack", "isNull"}
// A tool that returns a promise gets a promise of one of these strings.

function prelude(stateJson, seed, now, outputLimit, fetch) {
  'use strict';
  // Captured before any tool runs, so a tool that overwrites JSON, Math, Reflect or Error in its own
  // session cannot break the plumbing of later calls.
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const imul = Math.imul;
  const construct = Reflect.construct;
  const defineProperty = Object.defineProperty;
  const RealDate = Date;
  const ErrorClass = Error;
  const PromiseClass = Promise;
  const hidden = (value) => ({ value, writable: true, configurable: true, enumerable: false });
  const ownKeys = Object.keys;
  const create = Object.create;
  const apply = Reflect.apply;
  const reflectGet = Reflect.get;
  const reflectSet = Reflect.set;
  const reflectHas = Reflect.has;
  const reflectDelete = Reflect.deleteProperty;
  const reflectDefine = Reflect.defineProperty;
  const reflectDescribe = Reflect.getOwnPropertyDescriptor;
  const reflectOwnKeys = Reflect.ownKeys;
  const reflectPreventExtensions = Reflect.preventExtensions;
  const isFrozen = Object.isFrozen;
  const ProxyClass = Proxy;
  const split = String.prototype.split;
  const hasOwn = Object.prototype.hasOwnProperty;

  // Determinism 1: Math.random is mulberry32 seeded by the session seed, one sequence per session.
  let s = seed >>> 0;
  defineProperty(
    Math,
    'random',
    hidden(function random() {
      let t = (s = (s + 0x6d2b79f5) | 0);
      t = imul(t ^ (t >>> 15), t | 1);
      t ^= t + imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }),
  );

  // Determinism 2: the clock stands still at `now`. `new Date()`, `Date()` and `Date.now()` read it;
  // `new Date(x)` with arguments is the real constructor. The prototype is shared, so `instanceof
  // Date`, subclassing and every Date method keep working.
  function FixedDate(...args) {
    if (new.target === undefined) return new RealDate(now).toString();
    return construct(RealDate, args.length === 0 ? [now] : args, new.target);
  }
  defineProperty(FixedDate, 'name', { value: 'Date' });
  defineProperty(FixedDate, 'length', { value: 7 });
  FixedDate.prototype = RealDate.prototype;
  defineProperty(RealDate.prototype, 'constructor', hidden(FixedDate));
  defineProperty(
    FixedDate,
    'now',
    hidden(() => now),
  );
  defineProperty(FixedDate, 'parse', hidden(RealDate.parse));
  defineProperty(FixedDate, 'UTC', hidden(RealDate.UTC));
  defineProperty(globalThis, 'Date', hidden(FixedDate));

  // Generated tools often log; a missing console would turn that into a ReferenceError. Output is
  // dropped: nothing leaves the sandbox except the result.
  const noop = function () {};
  const quiet = {};
  for (const k of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table', 'assert', 'count', 'time', 'timeEnd', 'group', 'groupEnd'])
    quiet[k] = noop;
  defineProperty(globalThis, 'console', hidden(quiet));

  // The database lives in this closure: tools get it as their first argument and can change it in
  // place, but cannot replace it or reach the plumbing.
  //
  // Lazy loading (base.mjs says why). With `fetch`, `stateJson` only names the tables. Each table
  // is an accessor on `db` that, when first read, becomes a Proxy over an empty object (a table of
  // more than PROXY_MAX_ROWS rows is parsed whole instead); a row is
  // parsed into that object the first time a tool reads it (from its line, which `fetch` gives one
  // by one, or, once a tool has read many or listed the keys, for the whole table at once). To tools a table behaves
  // as a plain object: keys in their order, `in`, assignment, delete, Object.entries,
  // JSON.stringify; only Object.getOwnPropertyDescriptor of a row never read shows an accessor
  // pair instead of its value. Every row a trap lets through is recorded, so delta() compares those
  // rows only. Everything here uses functions captured above and null-prototype records: a tool
  // that rewrites builtins or Object.prototype changes its own results only, never what delta()
  // reports, and the tools never see `fetch`, the handlers or the objects behind the proxies.
  const UNTOUCHED = {};
  const ABSENT = {};
  // Descriptors are read with inherited properties too: made without a prototype, a tool that puts
  // `get` or `value` on Object.prototype cannot spoil them.
  const dataProperty = (value) => {
    const d = create(null);
    d.value = value;
    d.writable = true;
    d.enumerable = true;
    d.configurable = true;
    return d;
  };
  // The engine's own descriptor objects inherit from Object.prototype: copied without one.
  const DESCRIPTOR_FIELDS = ['value', 'writable', 'get', 'set', 'enumerable', 'configurable'];
  const ownDescriptor = (target, key) => {
    const d = reflectDescribe(target, key);
    if (d === undefined) return undefined;
    const copy = create(null);
    for (let i = 0; i < DESCRIPTOR_FIELDS.length; i++) if (apply(hasOwn, d, [DESCRIPTOR_FIELDS[i]])) copy[DESCRIPTOR_FIELDS[i]] = d[DESCRIPTOR_FIELDS[i]];
    return copy;
  };
  const accessorProperty = (get, set) => {
    const d = create(null);
    d.get = get;
    d.set = set;
    d.enumerable = true;
    d.configurable = true;
    return d;
  };
  /** Rows read one by one before a table's text is fetched whole. */
  const ONE_BY_ONE = 48;
  /** Larger tables are plain objects of accessors (loadLargeTable): QuickJS checks the key list a
   *  proxy gives for duplicates pair by pair, so listing the keys of a large proxied table takes seconds. */
  const PROXY_MAX_ROWS = 2048;
  /** Tables read so far, by name: their proxy, the object behind it and what the traps recorded. */
  const loaded = create(null);
  const tableSlots = create(null);
  let tableNames = [];

  // A base table's keys (with an index) and, when fetched whole, its lines (line i + 1 is row i).
  function readTable(name, whole) {
    const text = fetch(name, whole ? -2 : -1);
    const lines = whole ? apply(split, text, ['\n']) : undefined;
    const keys = parse(whole ? lines[0] : text);
    const index = create(null);
    for (let i = 0; i < keys.length; i++) index[keys[i]] = i;
    return { name, keys, index, lines, fetched: 0 };
  }

  function lineOf(base, i) {
    if (base.lines === undefined && ++base.fetched > ONE_BY_ONE) base.lines = readTable(base.name, true).lines;
    return base.lines === undefined ? fetch(base.name, i) : base.lines[i + 1];
  }

  function loadTable(name) {
    const base = readTable(name, false);
    if (base.keys.length > PROXY_MAX_ROWS) return loadLargeTable(name, base);
    const target = {};
    /** Base keys the target now speaks for (read, assigned, deleted or redefined), in order. */
    const resolved = create(null);
    const touched = [];
    const pending = (key) => typeof key === 'string' && base.index[key] !== undefined && resolved[key] === undefined;
    const resolve = (key) => {
      resolved[key] = true;
      touched[touched.length] = key;
    };
    const materialise = (key) => {
      resolve(key);
      defineProperty(target, key, dataProperty(parse(lineOf(base, base.index[key]))));
    };
    // After a listing of the keys, reading a row usually means reading them all (Object.values,
    // entries, for…in): the rest of the table is then parsed in one go, as one JSON object.
    let listed = false;
    const materialiseAll = () => {
      const all = parse(fetch(name, -3));
      for (let i = 0; i < base.keys.length; i++) {
        const key = base.keys[i];
        if (resolved[key] !== undefined) continue;
        resolve(key);
        defineProperty(target, key, dataProperty(all[key]));
      }
    };
    const handler = create(null);
    let proxy;
    handler.get = (t, key, receiver) => {
      if (pending(key)) {
        if (listed && touched.length + ONE_BY_ONE < base.keys.length) materialiseAll();
        else materialise(key);
      }
      return reflectGet(target, key, receiver);
    };
    handler.set = (t, key, value, receiver) => {
      if (receiver !== proxy) return reflectSet(target, key, value, receiver);
      if (pending(key)) resolve(key);
      // Straight onto the target: through the proxy, the engine would define the property with a
      // descriptor object that inherits from Object.prototype.
      return reflectSet(target, key, value);
    };
    handler.has = (t, key) => pending(key) || reflectHas(target, key);
    handler.deleteProperty = (t, key) => {
      if (pending(key)) resolve(key);
      return reflectDelete(target, key);
    };
    handler.defineProperty = (t, key, descriptor) => {
      // A partial descriptor keeps the rest of the row's current property: it must exist first.
      if (pending(key)) materialise(key);
      const own = create(null);
      for (let i = 0; i < DESCRIPTOR_FIELDS.length; i++)
        if (apply(hasOwn, descriptor, [DESCRIPTOR_FIELDS[i]])) own[DESCRIPTOR_FIELDS[i]] = descriptor[DESCRIPTOR_FIELDS[i]];
      return reflectDefine(target, key, own);
    };
    handler.getOwnPropertyDescriptor = (t, key) => {
      // Object.keys and JSON.stringify ask for every key: answering without parsing the row keeps
      // a key listing cheap; reading the value through the pair parses it then.
      if (pending(key)) {
        return accessorProperty(
          () => proxy[key],
          (value) => {
            proxy[key] = value;
          },
        );
      }
      return ownDescriptor(target, key);
    };
    handler.ownKeys = () => {
      listed = true;
      const out = [];
      for (let i = 0; i < base.keys.length; i++) {
        const key = base.keys[i];
        if (resolved[key] === undefined || reflectDescribe(target, key) !== undefined) out[out.length] = key;
      }
      const own = reflectOwnKeys(target);
      for (let i = 0; i < own.length; i++) if (typeof own[i] !== 'string' || base.index[own[i]] === undefined) out[out.length] = own[i];
      return out;
    };
    handler.preventExtensions = () => {
      // A proxy may list only what its target holds once the target is closed: read every row first.
      for (let i = 0; i < base.keys.length; i++) if (pending(base.keys[i])) materialise(base.keys[i]);
      return reflectPreventExtensions(target);
    };
    proxy = new ProxyClass(target, handler);
    loaded[name] = { proxy, target, base, touched };
    return proxy;
  }

  // A large table is a plain object whose rows are accessors until first read or written: the
  // engine lists its keys natively (a proxy's listing is checked pair by pair), and a row is parsed
  // only when a tool reads it, so a lookup in a 40,000-row table costs one row, not the table.
  // A row read or assigned becomes a plain data property; on a frozen table, where that cannot be,
  // the accessor keeps giving the parsed row.
  function loadLargeTable(name, base) {
    const rows = {};
    const getters = create(null);
    const read = create(null);
    const settled = create(null);
    // `keep`: a read keeps the parsed row even where the table is frozen; an assignment to a frozen
    // table changes nothing, as on a plain frozen object (a sealed one still takes it).
    const settle = (key, value, keep) => {
      read[key] = true;
      if (!reflectDefine(rows, key, dataProperty(value)) && (keep || !isFrozen(rows))) settled[key] = dataProperty(value);
      return value;
    };
    const descriptor = create(null);
    descriptor.enumerable = true;
    descriptor.configurable = true;
    // One scope per row, so its getter and setter share the one captured index.
    const accessors = (i) => {
      descriptor.get = function () {
        const kept = settled[base.keys[i]];
        if (kept !== undefined) return kept.value;
        return settle(base.keys[i], parse(lineOf(base, i)), true);
      };
      descriptor.set = function (value) {
        settle(base.keys[i], value, false);
      };
    };
    for (let i = 0; i < base.keys.length; i++) {
      accessors(i);
      getters[base.keys[i]] = descriptor.get;
      defineProperty(rows, base.keys[i], descriptor);
    }
    loaded[name] = { rows, base, getters, read };
    return rows;
  }

  // db's own properties for the tables: an accessor that loads the table when first read, then a
  // plain data property holding its proxy.
  function lazyTable(name) {
    const slot = create(null);
    slot.made = false;
    const settle = (value) => defineProperty(db, name, dataProperty(value));
    slot.get = function () {
      if (!slot.made) {
        slot.value = loadTable(name);
        slot.made = true;
        try {
          settle(slot.value);
        } catch (_) {
          // db was frozen: the accessor stays, and keeps giving this same table
        }
      }
      return slot.value;
    };
    const set = function (value) {
      try {
        settle(value);
      } catch (_) {
        // as an assignment to a frozen object's property would, nothing happens
      }
    };
    defineProperty(db, name, accessorProperty(slot.get, set));
    tableSlots[name] = slot;
  }

  let db;
  if (typeof fetch === 'function') {
    db = {};
    tableNames = parse(stateJson);
    for (let i = 0; i < tableNames.length; i++) lazyTable(tableNames[i]);
  } else {
    db = parse(stateJson);
  }

  // What `target[key]` holds now as JSON.stringify would see it: ABSENT when it is not an own
  // enumerable property, UNTOUCHED when it is still the lazy accessor `slot` and was never read.
  function current(target, key, slot) {
    const d = reflectDescribe(target, key);
    if (d === undefined || !d.enumerable) return ABSENT;
    if (apply(hasOwn, d, ['value'])) return d.value;
    if (slot !== undefined && d.get === slot.get) return slot.made ? slot.value : UNTOUCHED;
    return target[key];
  }

  const isRows = (value) => value !== null && typeof value === 'object';

  // Rows that may differ from the start, as text: [[table, key], …] for a row that is gone and
  // [[table, key, rowJson], …] for one that is new or was touched. The worker drops touched rows
  // whose JSON is unchanged (base.mjs changesFromDelta).
  function delta() {
    const out = [];
    const put = (table, key, json) => {
      out[out.length] = json === undefined ? [table, key] : [table, key, json];
    };
    const known = create(null);
    for (let t = 0; t < tableNames.length; t++) {
      const name = tableNames[t];
      known[name] = true;
      const value = current(db, name, tableSlots[name]);
      if (value === UNTOUCHED) continue;
      const info = loaded[name];
      if (info !== undefined && value === info.proxy) {
        // Still the table's own proxy: only rows its traps let through can differ.
        const { base, target, touched } = info;
        for (let i = 0; i < touched.length; i++) {
          const now = current(target, touched[i]);
          const json = now === ABSENT ? undefined : stringify(now);
          if (json !== lineOf(base, base.index[touched[i]])) put(name, touched[i], json);
        }
        const own = reflectOwnKeys(target);
        for (let i = 0; i < own.length; i++) {
          const key = own[i];
          if (typeof key !== 'string' || base.index[key] !== undefined) continue;
          const now = current(target, key);
          if (now !== ABSENT) put(name, key, stringify(now));
        }
        continue;
      }
      if (info !== undefined && value === info.rows) {
        // Still the large table's own object: rows whose accessor was never used are as they were.
        const { base, rows, getters, read } = info;
        for (let i = 0; i < base.keys.length; i++) {
          const key = base.keys[i];
          const d = reflectDescribe(rows, key);
          if (d !== undefined && read[key] === undefined && d.get === getters[key]) continue;
          const now = current(rows, key);
          const json = now === ABSENT ? undefined : stringify(now);
          if (json !== lineOf(base, i)) put(name, key, json);
        }
        const keys = ownKeys(rows);
        for (let i = 0; i < keys.length; i++) if (base.index[keys[i]] === undefined) put(name, keys[i], stringify(rows[keys[i]]));
        continue;
      }
      // The table was replaced or removed: compare every row of it.
      const base = info !== undefined ? info.base : readTable(name, true);
      const rows = isRows(value) ? value : {};
      for (let i = 0; i < base.keys.length; i++) {
        const now = current(rows, base.keys[i]);
        const json = now === ABSENT ? undefined : stringify(now);
        if (json !== lineOf(base, i)) put(name, base.keys[i], json);
      }
      const keys = ownKeys(rows);
      for (let i = 0; i < keys.length; i++) if (base.index[keys[i]] === undefined) put(name, keys[i], stringify(rows[keys[i]]));
    }
    const names = ownKeys(db);
    for (let t = 0; t < names.length; t++) {
      if (known[names[t]]) continue;
      const rows = db[names[t]];
      if (!isRows(rows)) continue;
      const keys = ownKeys(rows);
      for (let i = 0; i < keys.length; i++) put(names[t], keys[i], stringify(rows[keys[i]]));
    }
    return stringify(out);
  }

  const clip = (text, max) => (text.length > max ? text.slice(0, max) + '…' : text);

  function encode(value) {
    const json = stringify(value);
    if (json === undefined) return 'u';
    // Characters ≤ UTF-8 bytes, so this bound never lets an oversized result through; the host
    // checks the exact byte length of what passes.
    if (json.length > outputLimit) return 'o' + json.length;
    return 'r' + json;
  }

  function describe(error) {
    let name = 'Error';
    let message;
    let stack = '';
    try {
      if (error instanceof ErrorClass) {
        name = String(error.name);
        message = String(error.message);
        if (typeof error.stack === 'string') stack = error.stack;
      } else if (typeof error === 'string') {
        message = error;
      } else if (error !== null && typeof error === 'object') {
        try {
          message = stringify(error);
        } catch (_) {
          // cyclic or not JSON: fall back to String below
        }
        if (message === undefined) message = String(error);
      } else {
        message = String(error);
      }
    } catch (_) {
      message = 'the tool threw a value that could not be read';
    }
    // QuickJS throws null when it runs out of memory while building an error; the host tells that
    // apart from a tool's own `throw null` by looking at the instance's memory.
    // Clipped here, before crossing into the host; the same cap as outcomes.mjs ERROR_CHARS.
    return 'e' + stringify({ name: clip(name, 200), message: clip(message, 4000), stack: clip(stack, 2000), isNull: error === null });
  }

  function isThenable(value) {
    return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof value.then === 'function';
  }

  return {
    call(fn, argsJson) {
      try {
        const value = fn(db, argsJson === undefined ? undefined : parse(argsJson));
        if (isThenable(value)) return PromiseClass.resolve(value).then(encode).then(undefined, describe);
        return encode(value);
      } catch (error) {
        return describe(error);
      }
    },
    dump() {
      return stringify(db);
    },
    delta,
    describe,
  };
}

/** QuickJS parses this for every session (bytecode cannot be carried from one runtime to the next
 *  in this build), so comment lines and indentation, a third of the text, are left out. */
export const PRELUDE_SOURCE = `(${prelude.toString()})`
  .split('\n')
  .filter((line) => !/^\s*\/\//.test(line))
  .map((line) => line.trimStart())
  .join('\n');

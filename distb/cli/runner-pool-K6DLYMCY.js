import {
  INNOCENT,
  SUSPECT,
  crashError,
  describeExit,
  importCrashError,
  importTimeoutError,
  isRerun,
  mismatchError,
  notReadyError,
  notStartedError,
  printedAtStartup
} from "./chunk-MANEPXX3.js";
import {
  LineSplitter
} from "./chunk-VFJEDL6P.js";
import {
  bundledPythonDir,
  runnerScript
} from "./chunk-JZ4KZTPF.js";
import {
  MotiaError,
  RemoteError,
  toWireError
} from "./chunk-OVUCM73P.js";

// src/languages/python/pool-size.ts
import os from "node:os";
var badSize = (what, value) => new MotiaError(
  "E_BAD_OPTION",
  `Expected ${what} to be a positive integer, got \`${String(value)}\` (${typeof value}).`,
  { retryable: false }
);
function machinePoolSize(cores = os.availableParallelism()) {
  return Math.min(4, Math.max(2, cores));
}
function resolvePoolSize(size, env) {
  if (size !== void 0) {
    if (typeof size !== "number" || !Number.isInteger(size) || size < 1) throw badSize("the `size` option", size);
    return size;
  }
  const fromEnv = env.MOTIA_PYTHON_WORKERS;
  if (fromEnv === void 0 || fromEnv === "") return machinePoolSize();
  const parsed = Number(fromEnv);
  if (!/^\d+$/.test(fromEnv.trim()) || parsed < 1) throw badSize("`MOTIA_PYTHON_WORKERS`", fromEnv);
  return parsed;
}

// src/languages/python/dispatch.ts
var str = (value) => value;
function streamOf(context, name) {
  const stream = context.streams?.[str(name)];
  if (stream) return stream;
  const known = Object.keys(context.streams ?? {});
  throw new MotiaError(
    "E_STEP_CONFIG",
    `No stream named "${String(name)}" (declared: ${known.length ? known.map((n) => `"${n}"`).join(", ") : "none"}). Declare it in a stream file or fix the name.`,
    { retryable: false }
  );
}
var handlers = {
  emit: (c, p) => c.emit(p.event),
  "state.get": (c, p) => c.state.get(str(p.groupId), str(p.key)),
  "state.set": (c, p) => c.state.set(str(p.groupId), str(p.key), p.value),
  "state.delete": (c, p) => c.state.delete(str(p.groupId), str(p.key)),
  "state.getGroup": (c, p) => c.state.getGroup(str(p.groupId)),
  "state.clear": (c, p) => c.state.clear(str(p.groupId)),
  "stream.get": (c, p) => streamOf(c, p.stream).get(str(p.groupId), str(p.id)),
  "stream.set": (c, p) => streamOf(c, p.stream).set(str(p.groupId), str(p.id), p.data),
  "stream.delete": (c, p) => streamOf(c, p.stream).delete(str(p.groupId), str(p.id)),
  "stream.getGroup": (c, p) => streamOf(c, p.stream).getGroup(str(p.groupId)),
  "stream.send": (c, p) => streamOf(c, p.stream).send(
    p.channel,
    p.event
  )
};
var LEVELS = /* @__PURE__ */ new Set(["debug", "info", "warn", "error"]);
function createDispatcher(lookup, runnerLog) {
  return {
    call(method, params) {
      const handler = handlers[method];
      if (handler === void 0) {
        throw new MotiaError(
          "E_RUNNER_PROTOCOL",
          `Unknown method "${method}" (PROTOCOL.md \xA74 lists the methods the runner may call): the runner and the core are from different versions.`,
          { retryable: false }
        );
      }
      const context = lookup(params.invocation);
      if (context === void 0) {
        throw new MotiaError(
          "E_INVOCATION_ENDED",
          `"${method}" names invocation ${String(params.invocation)}, which has ended (it returned, failed, timed out or was cancelled): context.${method} cannot run after that. Make context calls inside the handler, before it returns or times out.`,
          { retryable: false }
        );
      }
      return handler(context, params);
    },
    notify(method, params) {
      if (method !== "log") return runnerLog("warn", `Unknown notification "${method}" from the Python runner; ignored.`);
      const level = LEVELS.has(params.level) ? params.level : "info";
      const message = typeof params.message === "string" ? params.message : String(params.message);
      const fields = params.fields === null || params.fields === void 0 ? void 0 : params.fields;
      const context = params.invocation === null || params.invocation === void 0 ? void 0 : lookup(params.invocation);
      if (context) context.logger[level](message, fields);
      else runnerLog(level, message, fields);
    }
  };
}

// src/languages/python/runner-options.ts
var DEFAULT_CANCEL_GRACE_MS = 2e3;

// src/languages/python/protocol.ts
var PROTOCOL_VERSION = 1;
var MAX_FRAME_BYTES = 268435456;

// src/languages/python/codec.ts
import { Packr, RESERVE_START_SPACE } from "msgpackr";
var options = {
  // Plain maps, never msgpackr records: Python cannot read records.
  useRecords: false,
  mapsAsObjects: true,
  // Smallest map header, byte-identical to msgpack.packb.
  variableMapSize: true,
  // `{u: undefined}` drops the key, like JSON.stringify; top-level and array undefined become nil.
  skipValues: [void 0],
  encodeUndefinedAsNil: true,
  // Python ints above 2^32 arrive as uint64/int64: decode them as numbers, as JSON would.
  int64AsType: "number"
};
var packr = new Packr(options);
var range = { start: 0, end: 0 };
var TWO_32 = 4294967296;
var MINUS_TWO_31 = -2147483648;
var wellFormed = (text) => text.isWellFormed() ? text : text.toWellFormed();
function toWireValue(value) {
  if (typeof value === "number") {
    return (value >= TWO_32 || value < MINUS_TWO_31) && Number.isSafeInteger(value) ? BigInt(value) : value;
  }
  if (typeof value === "string") return wellFormed(value);
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    let copy2;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const changed = toWireValue(item);
      if (changed !== item) (copy2 ??= value.slice())[i] = changed;
    }
    return copy2 ?? value;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  let copy;
  let badKey = false;
  for (const key in value) {
    const item = value[key];
    const changed = toWireValue(item);
    if (changed !== item) (copy ??= { ...value })[key] = changed;
    if (wellFormed(key) !== key) badKey = true;
  }
  if (badKey) return Object.fromEntries(Object.entries(copy ?? value).map(([key, item]) => [wellFormed(key), item]));
  return copy ?? value;
}
function encodeWithRoom(value, room) {
  if (prototypesPolluted()) return withCleanPrototypes(() => packr.pack(toWireValue(value), RESERVE_START_SPACE | room));
  return packr.pack(toWireValue(value), RESERVE_START_SPACE | room);
}
function decode(bytes, start = 0, end = bytes.length) {
  range.start = start;
  range.end = end;
  if (prototypesPolluted()) return withCleanPrototypes(() => packr.unpack(bytes, range));
  return packr.unpack(bytes, range);
}
var EMPTY_OBJECT = {};
var EMPTY_ARRAY = [];
function prototypesPolluted() {
  for (const _ in EMPTY_OBJECT) return true;
  for (const _ in EMPTY_ARRAY) return true;
  return false;
}
function withCleanPrototypes(run) {
  const saved = [];
  for (const proto of [Object.prototype, Array.prototype]) {
    for (const key of Object.keys(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, key);
      if (!descriptor?.configurable) continue;
      saved.push([proto, key, descriptor]);
      Reflect.deleteProperty(proto, key);
    }
  }
  try {
    return run();
  } finally {
    for (const [proto, key, descriptor] of saved) Object.defineProperty(proto, key, descriptor);
  }
}
var loose = new Packr({ ...options, mapsAsObjects: false });
function decodeLoose(bytes, start = 0, end = bytes.length) {
  if (prototypesPolluted()) return withCleanPrototypes(() => loose.unpack(bytes.subarray(start, end)));
  return loose.unpack(bytes.subarray(start, end));
}
function plainValue(value) {
  if (Array.isArray(value)) return value.map(plainValue);
  if (!(value instanceof Map)) return value;
  return Object.fromEntries([...value].map(([key, item]) => [String(key), plainValue(item)]));
}

// src/languages/python/framing.ts
var HEADER_BYTES = 4;
var tooLong = (length, max) => new MotiaError(
  "E_RUNNER_PROTOCOL",
  `Frame length ${length} exceeds the maximum of ${max} bytes (PROTOCOL.md \xA72): the channel is corrupt or a value is too large.`,
  { retryable: true }
);
var tooBigToSend = (length, max) => new MotiaError(
  "E_FRAME_TOO_LARGE",
  `A message of ${length} bytes exceeds the frame limit of ${max} bytes (PROTOCOL.md \xA72): pass large data by reference (a file path, a URL, a state key) instead.`,
  { retryable: false }
);
function writeFrameHeader(frame, max = MAX_FRAME_BYTES) {
  const length = frame.length - HEADER_BYTES;
  if (length > max) throw tooBigToSend(length, max);
  frame[0] = length >>> 24;
  frame[1] = length >>> 16 & 255;
  frame[2] = length >>> 8 & 255;
  frame[3] = length & 255;
}
var readLength = (b, at) => b[at] * 16777216 + (b[at + 1] << 16 | b[at + 2] << 8 | b[at + 3]);
var FrameDecoder = class {
  #onFrame;
  #max;
  #parts = [];
  #buffered = 0;
  // Total bytes (header included) of the frame being collected, or -1 while its header is incomplete.
  #needed = -1;
  constructor(onFrame, max = MAX_FRAME_BYTES) {
    this.#onFrame = onFrame;
    this.#max = max;
  }
  /** Bytes held back, waiting for the rest of a frame. */
  get bufferedBytes() {
    return this.#buffered;
  }
  /** Feeds one chunk; throws a MotiaError (E_RUNNER_PROTOCOL) on a length over the maximum. */
  push(chunk) {
    if (chunk.length === 0) return;
    if (this.#buffered === 0) return this.#scan(chunk);
    this.#parts.push(chunk);
    this.#buffered += chunk.length;
    if (this.#needed < 0 ? this.#buffered < HEADER_BYTES : this.#buffered < this.#needed) return;
    const joined = Buffer.concat(this.#parts, this.#buffered);
    this.#parts = [];
    this.#buffered = 0;
    this.#needed = -1;
    this.#scan(joined);
  }
  /** Call at end of stream: an error describing a truncated frame, or undefined when none is pending. */
  end() {
    if (this.#buffered === 0) return void 0;
    const got = this.#buffered;
    const expected = this.#needed;
    this.#parts = [];
    this.#buffered = 0;
    this.#needed = -1;
    const detail = expected < 0 ? `${got} of the ${HEADER_BYTES} header bytes` : `${got} of ${expected} bytes`;
    return new MotiaError("E_RUNNER_PROTOCOL", `Truncated frame: the stream ended after ${detail}.`, {
      retryable: true
    });
  }
  #scan(bytes) {
    let at = 0;
    const total = bytes.length;
    while (total - at >= HEADER_BYTES) {
      const length = readLength(bytes, at);
      if (length > this.#max) throw tooLong(length, this.#max);
      const end = at + HEADER_BYTES + length;
      if (end > total) {
        this.#needed = HEADER_BYTES + length;
        break;
      }
      this.#onFrame(bytes, at + HEADER_BYTES, end);
      at = end;
    }
    if (at === total) return;
    this.#parts.push(at === 0 ? bytes : bytes.subarray(at));
    this.#buffered = total - at;
  }
};

// src/languages/python/session.ts
var protocolError = (detail) => new MotiaError("E_RUNNER_PROTOCOL", `Protocol error: ${detail} (see runners/python/PROTOCOL.md \xA74).`);
function readWireError(raw) {
  const e = raw !== null && typeof raw === "object" ? raw : {};
  return {
    type: typeof e.type === "string" ? e.type : "Error",
    message: typeof e.message === "string" ? e.message : String(e.message ?? ""),
    traceback: typeof e.traceback === "string" ? e.traceback : void 0,
    code: typeof e.code === "string" ? e.code : void 0,
    retryable: typeof e.retryable === "boolean" ? e.retryable : true
  };
}
var Session = class {
  #send;
  #handler;
  #decoder;
  #pending = /* @__PURE__ */ new Map();
  #nextId = 1;
  constructor(send, handler) {
    this.#send = send;
    this.#handler = handler;
    this.#decoder = new FrameDecoder((bytes, start, end) => this.#onFrame(bytes, start, end));
  }
  /** Calls still waiting for their answer. */
  get pendingCount() {
    return this.#pending.size;
  }
  /** Feeds bytes from the peer. Throws a MotiaError (E_RUNNER_PROTOCOL) when the stream is corrupt. */
  feed(chunk) {
    this.#decoder.push(chunk);
  }
  /** The peer's stream ended: an error if it ended inside a frame. */
  end() {
    return this.#decoder.end();
  }
  /** Sends a call; `resolve`/`reject` get its answer. Returns the call id (for `cancel`). */
  request(method, params, resolve, reject) {
    const id = this.#nextId++;
    this.#pending.set(id, { method, resolve, reject });
    try {
      this.sendMessage({ type: "call", id, method, params });
    } catch (error) {
      this.#pending.delete(id);
      reject(error);
    }
    return id;
  }
  call(method, params) {
    return new Promise((resolve, reject) => this.request(method, params, resolve, reject));
  }
  notify(method, params) {
    this.sendMessage({ type: "notify", method, params });
  }
  /** Encodes and sends any message; throws if the value cannot be encoded. */
  sendMessage(message) {
    const frame = encodeWithRoom(message, HEADER_BYTES);
    writeFrameHeader(frame);
    this.#send(frame);
  }
  /** Rejects every pending call, e.g. when the peer died. */
  failAll(makeError) {
    const pending = [...this.#pending];
    this.#pending.clear();
    for (const [id, p] of pending) p.reject(makeError(id, p.method));
  }
  #onFrame(bytes, start, end) {
    let message;
    try {
      message = decode(bytes, start, end);
    } catch (error) {
      return this.#unreadable(bytes, start, end, error);
    }
    this.#receive(message);
  }
  // msgpack that is no JS value: a map key that is a list or bytes (a Python tuple or bytes key).
  // The frame itself is sound, so only the message it carries fails (PROTOCOL.md §3); a frame that
  // is not msgpack at all still throws.
  #unreadable(bytes, start, end, error) {
    let loose2;
    try {
      loose2 = decodeLoose(bytes, start, end);
    } catch {
      throw protocolError(`a frame is not one msgpack value (${error.message})`);
    }
    const field = (name) => loose2 instanceof Map ? loose2.get(name) : void 0;
    const type = field("type");
    const id = field("id");
    if (type === "notify") return this.#receive(plainValue(loose2));
    if (typeof id !== "number" || !["result", "error", "call"].includes(type)) throw error;
    const key = oddKey(loose2);
    const wire = {
      type: "TypeError",
      message: key ? `cannot send a dict key of type ${key} to the core: keys must be str, int, float, bool or None, as in JSON` : `cannot send this value to the core: ${error.message}`,
      traceback: void 0,
      code: "E_HANDLER_FAILED",
      retryable: false
    };
    if (type === "call") return this.#reply(id, new RemoteError(wire), true);
    const pending = this.#pending.get(id);
    if (pending === void 0) return;
    this.#pending.delete(id);
    pending.reject(new RemoteError(wire));
  }
  #receive(raw) {
    if (raw === null || typeof raw !== "object") throw protocolError(`a frame decoded to ${typeof raw}, not a map`);
    const message = raw;
    switch (message.type) {
      case "result":
      case "error": {
        const pending = this.#pending.get(message.id);
        if (pending === void 0) return;
        this.#pending.delete(message.id);
        if (message.type === "result") pending.resolve(message.result);
        else pending.reject(new RemoteError(readWireError(message.error)));
        return;
      }
      case "call":
        return this.#answer(message.id, message.method, message.params ?? {});
      case "notify":
        return this.#handler.onNotify(message.method, message.params ?? {});
      case "hello":
        return this.#handler.onHello(message);
      default:
        throw protocolError(`unknown message type ${JSON.stringify(message.type)}`);
    }
  }
  #answer(id, method, params) {
    let result;
    try {
      result = this.#handler.onCall(method, params);
    } catch (error) {
      return this.#reply(id, error, true);
    }
    if (result instanceof Promise) {
      result.then(
        (value) => this.#reply(id, value, false),
        (error) => this.#reply(id, error, true)
      );
    } else this.#reply(id, result, false);
  }
  #reply(id, value, failed) {
    if (!failed) {
      try {
        return this.sendMessage({ type: "result", id, result: value ?? null });
      } catch (error2) {
        value = error2;
      }
    }
    const wire = toWireError(value);
    const traceback = value?.wire?.traceback ?? null;
    const error = { type: wire.type, message: wire.message, traceback, code: wire.code ?? null, retryable: wire.retryable };
    this.sendMessage({ type: "error", id, error });
  }
};
function oddKey(value) {
  const items = value instanceof Map ? [...value] : Array.isArray(value) ? value.map((item) => [null, item]) : [];
  for (const [key, item] of items) {
    if (key !== null && typeof key === "object") return Array.isArray(key) ? "tuple" : key instanceof Uint8Array ? "bytes" : "dict";
    const inner = oddKey(item);
    if (inner) return inner;
  }
  return void 0;
}

// src/languages/python/import-watch.ts
var ImportWatch = class {
  // Insertion order is the order the describes were sent.
  #describing = /* @__PURE__ */ new Map();
  #onTimeout;
  #timer;
  #watched;
  #timedOut = false;
  constructor(onTimeout) {
    this.#onTimeout = onTimeout;
  }
  add(id, describing) {
    this.#describing.set(id, describing);
    this.#watch();
  }
  delete(id) {
    this.#describing.delete(id);
    this.#watch();
  }
  /** The id of the import running now (the oldest unanswered describe), unless it timed out already. */
  get current() {
    return this.#timedOut ? void 0 : this.#describing.keys().next().value;
  }
  /** The error of describe `id` when the runner ended: the import running then is to blame, the rest never ran. */
  lostError(id, pid, how) {
    const file = this.#describing.get(id)?.file;
    return id === this.current ? importCrashError(pid, how, file) : notStartedError(pid, how, file);
  }
  /** True while an import runs or after one timed out: a runner that dies then was ended by it. */
  get busy() {
    return this.#timedOut || this.#describing.size > 0;
  }
  #watch() {
    const head = this.#describing.entries().next().value;
    if (head?.[0] === this.#watched) return;
    clearTimeout(this.#timer);
    this.#watched = head?.[0];
    if (head === void 0 || head[1].timeoutMs === void 0) return;
    const describing = head[1];
    this.#timer = setTimeout(() => {
      this.#timedOut = true;
      this.#onTimeout(describing);
    }, describing.timeoutMs);
  }
};

// src/languages/python/invocations.ts
var Invocations = class {
  #running = /* @__PURE__ */ new Map();
  set(id, running) {
    this.#running.set(id, running);
  }
  get(id) {
    return this.#running.get(id);
  }
  delete(id) {
    this.#running.delete(id);
  }
  clear() {
    this.#running.clear();
  }
  /** The context of an invocation still running; none once it ended, so its context calls fail. */
  contextOf(id) {
    const running = this.#running.get(id);
    return running?.ended ? void 0 : running?.context;
  }
  /** Invocations whose callers still wait for them. */
  get active() {
    let active = 0;
    for (const running of this.#running.values()) if (!running.ended) active++;
    return active;
  }
  /** The ids among `ids` still unanswered. */
  unanswered(ids) {
    return ids.filter((id) => this.#running.has(id));
  }
  /** `"A", "B"`: the steps of `ids`, once each. */
  steps(ids) {
    return [...new Set(ids.map((id) => this.#running.get(id)?.step))].map((step) => `"${step}"`).join(", ");
  }
};

// src/languages/python/liveness.ts
var DEFAULT_PING_INTERVAL_MS = 1e3;
var DEFAULT_UNRESPONSIVE_MS = 2e3;
function livenessLine(pid, responsive, silentMs) {
  const seconds = (silentMs / 1e3).toFixed(1);
  return responsive ? `Python runner (pid ${pid}) is responsive again (its event loop was blocked for ${seconds} s).` : `Python runner (pid ${pid}) is unresponsive: its event loop has not answered for ${seconds} s (an async handler blocking it, e.g. with time.sleep(), or a slow module import); new calls go to other runners.`;
}
var Liveness = class {
  #ping;
  #onChange;
  #excused;
  #intervalMs;
  #timeoutMs;
  #timer;
  #sentAt;
  // the unanswered ping, if one is out
  #responsive = true;
  /** `excused`: while it returns true (a `describe` importing a module), silence is expected. */
  constructor(ping, onChange, options2 = {}, excused = () => false) {
    this.#ping = ping;
    this.#onChange = onChange;
    this.#excused = excused;
    this.#intervalMs = options2.intervalMs ?? DEFAULT_PING_INTERVAL_MS;
    this.#timeoutMs = options2.timeoutMs ?? DEFAULT_UNRESPONSIVE_MS;
  }
  get responsive() {
    return this.#responsive;
  }
  start() {
    this.#timer ??= setInterval(() => this.#tick(), this.#intervalMs).unref();
  }
  stop() {
    clearInterval(this.#timer);
    this.#timer = void 0;
  }
  #tick() {
    if (this.#sentAt === void 0) return this.#send();
    const silent = performance.now() - this.#sentAt;
    if (this.#responsive && silent >= this.#timeoutMs && !this.#excused()) {
      this.#responsive = false;
      this.#onChange(false, silent);
    }
  }
  #send() {
    const sentAt = performance.now();
    this.#sentAt = sentAt;
    this.#ping().then(
      () => {
        if (this.#sentAt !== sentAt) return;
        this.#sentAt = void 0;
        if (this.#responsive) return;
        this.#responsive = true;
        this.#onChange(true, performance.now() - sentAt);
      },
      () => {
      }
      // the runner ended: its exit says so
    );
  }
};

// src/languages/python/signal-groups.ts
var SignalGroups = class {
  #groups = /* @__PURE__ */ new Map();
  #onAbort;
  constructor(onAbort) {
    this.#onAbort = onAbort;
  }
  add(signal, id) {
    let ids = this.#groups.get(signal);
    if (ids === void 0) {
      ids = /* @__PURE__ */ new Set();
      this.#groups.set(signal, ids);
      signal.addEventListener("abort", this.#listener, { once: true });
    }
    ids.add(id);
  }
  delete(signal, id) {
    const ids = this.#groups.get(signal);
    if (ids === void 0 || !ids.delete(id) || ids.size > 0) return;
    this.#groups.delete(signal);
    signal.removeEventListener("abort", this.#listener);
  }
  #listener = (event) => {
    const signal = event.target;
    const ids = this.#groups.get(signal);
    this.#groups.delete(signal);
    if (ids !== void 0) this.#onAbort(signal, ids);
  };
};

// src/languages/python/spawn-runner.ts
import path from "node:path";
import { execa } from "execa";
var DRAIN_MS = 500;
function spawnRunner({ root, python, env = process.env }, output) {
  const pythonPath = [root, bundledPythonDir, env.PYTHONPATH].filter(Boolean).join(path.delimiter);
  const subprocess = execa(python, ["-u", runnerScript], {
    cwd: root,
    env: { ...env, PYTHONPATH: pythonPath },
    extendEnv: false,
    stdin: "pipe",
    stdout: "pipe",
    stderr: "pipe",
    buffer: false,
    reject: false,
    windowsHide: true
  });
  let exit;
  let stdoutEnded = false;
  let stderrEnded = false;
  let ended = false;
  const settle = () => {
    if (ended || !exit || !stdoutEnded || !stderrEnded) return;
    ended = true;
    output.onEnd(exit.code, exit.signal, exit.spawnError);
  };
  subprocess.stdin.on("error", () => {
  });
  subprocess.stdout.on("data", (chunk) => output.onStdout(chunk));
  subprocess.stdout.on("end", () => {
    output.onStdoutEnd();
    stdoutEnded = true;
    settle();
  });
  const stderr = new LineSplitter((line) => output.onStderrLine(line));
  subprocess.stderr.on("data", (chunk) => stderr.push(chunk));
  subprocess.stderr.on("end", () => {
    stderr.end();
    stderrEnded = true;
    settle();
  });
  subprocess.on("exit", (code, signal) => {
    exit = { code, signal };
    setTimeout(() => (stdoutEnded = stderrEnded = true, settle()), DRAIN_MS).unref();
    settle();
  });
  void subprocess.then((result) => {
    if (!result.failed || result.exitCode !== void 0 || result.signal !== void 0) return;
    exit = { code: null, signal: null, spawnError: result.code ?? result.shortMessage };
    stdoutEnded = stderrEnded = true;
    settle();
  });
  return subprocess;
}

// src/languages/python/stdin-writer.ts
var BATCH_BYTES = 1024 * 1024;
var StdinWriter = class {
  #stream;
  #queue = [];
  #queuedBytes = 0;
  #scheduled = false;
  #blocked = false;
  #closed = false;
  attach(stream) {
    this.#stream = stream;
  }
  /** Bytes waiting in the core for the pipe to take them. */
  get queuedBytes() {
    return this.#queuedBytes;
  }
  /** Bytes handed to the stream and not yet taken by the pipe. */
  get streamBytes() {
    return this.#stream?.writableLength ?? 0;
  }
  write(frame) {
    if (this.#closed) return;
    this.#queue.push(frame);
    this.#queuedBytes += frame.length;
    if (this.#scheduled || this.#blocked) return;
    this.#scheduled = true;
    setImmediate(this.flush);
  }
  /** Writes what is queued now, until the pipe says it is full; 'drain' resumes. */
  flush = () => {
    this.#scheduled = false;
    const stream = this.#stream;
    if (this.#closed || this.#blocked || stream === void 0 || !stream.writable) return;
    while (this.#queue.length > 0) {
      let batch = this.#queue;
      let bytes = this.#queuedBytes;
      if (bytes <= BATCH_BYTES) this.#queue = [];
      else {
        let count = 0;
        bytes = 0;
        while (count < this.#queue.length && bytes < BATCH_BYTES) bytes += this.#queue[count++].length;
        batch = this.#queue.splice(0, count);
      }
      this.#queuedBytes -= bytes;
      if (!stream.write(batch.length === 1 ? batch[0] : Buffer.concat(batch, bytes))) {
        this.#blocked = true;
        stream.once("drain", () => {
          this.#blocked = false;
          this.flush();
        });
        return;
      }
    }
  };
  /** Drops what is queued: the runner is gone. */
  close() {
    this.#closed = true;
    this.#queue = [];
    this.#queuedBytes = 0;
  }
};

// src/languages/python/runner-process.ts
var STDERR_TAIL = 20;
var HEAD_BYTES = 200;
var RunnerProcess = class {
  #options;
  #onLog;
  #session;
  #invocations = new Invocations();
  #imports = new ImportWatch(({ file, timeoutMs, reject }) => {
    reject(importTimeoutError(timeoutMs));
    this.kill(`did not finish importing ${file} within ${timeoutMs} ms`);
  });
  #signals = new SignalGroups((signal, ids) => this.#onAbort(signal, ids));
  #stderrTail = [];
  #stdin = new StdinWriter();
  #liveness;
  #subprocess;
  #head = Buffer.alloc(0);
  // the first bytes on stdout, to explain a channel broken before the hello
  #ready = false;
  #closing = false;
  #exited = false;
  #killReason;
  #pings = 0;
  // Set when the core killed the runner knowing which call was to blame: the others are innocent.
  #culpritKnown = false;
  #exitWaiters = [];
  #startWaiter;
  /** How the runner ended ("was killed by SIGSEGV"), once it has. */
  exitReason;
  /** When the hello arrived (ms since epoch), 0 before. */
  readyAt = 0;
  /** The runner's hello frame, once received. */
  hello;
  /** Set when the runner ended because a step module's import crashed or hung it. */
  endedByImport = false;
  /** Called once when the runner ends without `close()` having been called. */
  onExit;
  /** Called once when a cancelled call outlives the grace while the loop still runs (a stuck thread). */
  onStuck;
  /** Called when the watchdog finds the runner unresponsive, or responsive again. */
  onResponsiveChange;
  constructor(options2) {
    this.#options = options2;
    this.#onLog = options2.onLog ?? (() => {
    });
    const runnerLog = (level, message, fields) => this.#onLog(level, message, { runner: this.pid, ...fields });
    const calls = createDispatcher((id) => this.#invocations.contextOf(id), runnerLog);
    const notes = createDispatcher((id) => this.#invocations.get(id)?.context, runnerLog);
    this.#session = new Session((frame) => this.#stdin.write(frame), {
      onHello: (hello) => this.#onHello(hello),
      onCall: (method, params) => calls.call(method, params),
      onNotify: (method, params) => notes.notify(method, params)
    });
    this.#liveness = new Liveness(
      () => this.#ping(),
      (responsive, silentMs) => this.#onLiveness(responsive, silentMs),
      options2.liveness,
      () => this.#imports.busy
      // an import at load has its own timeout
    );
  }
  get pid() {
    return this.#subprocess?.pid;
  }
  /** Calls in flight on this runner (invocations, describes; not pings). */
  get load() {
    return this.#session.pendingCount - this.#pings;
  }
  /** Invocations in flight whose callers still wait for them (the cancelled ones not yet stopped left out). */
  get activeLoad() {
    return this.#invocations.active;
  }
  /** Started, said hello, and neither closing, killed nor exited. */
  get ready() {
    return this.#ready && !this.#closing && !this.#exited && this.#killReason === void 0;
  }
  get exited() {
    return this.#exited;
  }
  /** False while the watchdog finds the runner's event loop blocked (PROTOCOL.md §4 `ping`). */
  get responsive() {
    return this.#liveness.responsive;
  }
  /** Bytes of frames waiting for the runner's stdin: in the core, and in the stream. */
  get pendingWrites() {
    return { queued: this.#stdin.queuedBytes, stream: this.#stdin.streamBytes };
  }
  /** Spawns the runner and resolves with its hello once the protocol version matched. */
  start() {
    this.#subprocess = spawnRunner(this.#options, {
      onStdout: (chunk) => this.#onStdout(chunk),
      onStdoutEnd: () => {
        const truncated = this.#session.end();
        if (truncated) this.#onLog("warn", truncated.message, { runner: this.pid });
      },
      onStderrLine: (line) => this.#onStderr(line),
      onEnd: (code, signal, spawnError) => {
        if (spawnError !== void 0) this.#killReason = `could not be started (${spawnError})`;
        this.#onEnded(code, signal);
      }
    });
    this.#stdin.attach(this.#subprocess.stdin);
    const timeout = this.#options.startTimeoutMs ?? 3e4;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.kill(`did not say hello within ${timeout} ms`), timeout).unref();
      const clear = () => clearTimeout(timer);
      this.#startWaiter = {
        resolve: (hello) => (clear(), resolve(hello)),
        reject: (error) => (clear(), reject(error))
      };
    });
  }
  /** Runs a step's handler; routes its context calls to `context`; on abort sends `cancel`. */
  invoke(params, context, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      if (this.#exited) return reject(crashError(this.pid ?? 0, this.exitReason ?? "exited", `before step "${params.step}" was sent to it`));
      const running = { context, step: params.step, reject, signal, ended: false };
      let id = 0;
      let settled = false;
      id = this.#session.request(
        "invoke",
        params,
        (value) => {
          settled = true;
          this.#release(id, running);
          resolve(value);
        },
        (error) => {
          settled = true;
          this.#release(id, running);
          reject(error);
        }
      );
      if (settled) return;
      this.#invocations.set(id, running);
      if (signal) this.#signals.add(signal, id);
    });
  }
  /**
   * Reads a step file's config. An import still running after `timeoutMs` fails with a timeout error
   * and kills the runner: its event loop is stuck in the module's top-level code for good.
   */
  async describe(file, timeoutMs) {
    let id = 0;
    const result = new Promise((resolve, reject) => {
      id = this.#session.request("describe", { file }, resolve, reject);
      this.#imports.add(id, { file, timeoutMs, reject });
    });
    try {
      return await result;
    } finally {
      this.#imports.delete(id);
    }
  }
  /**
   * Asks the runner to finish in-flight work within `graceMs`, then kills it if it is still there.
   * A runner that has not said hello yet is killed at once.
   */
  async close(graceMs = 2e3) {
    if (this.#exited || this.#subprocess === void 0) return;
    if (!this.#ready) {
      this.kill("was stopped before it was ready");
      return this.#waitExit();
    }
    if (this.#closing) return this.#waitExit();
    this.#closing = true;
    this.#liveness.stop();
    this.#session.call("shutdown", { graceMs }).catch(() => {
    });
    this.#stdin.flush();
    const timer = setTimeout(() => this.kill(`did not exit within ${graceMs + 1e3} ms of shutdown`), graceMs + 1e3);
    await this.#waitExit();
    clearTimeout(timer);
  }
  /**
   * Kills the runner at once; its in-flight calls fail as retryable E_RUNNER_CRASHED errors. With
   * `culpritKnown`, the calls not already ended are marked innocent (see `INNOCENT`).
   */
  kill(reason, culpritKnown = false) {
    if (this.#exited || this.#subprocess === void 0) return;
    if (this.#killReason === void 0) {
      this.#killReason = reason;
      this.#culpritKnown = culpritKnown;
    }
    this.#subprocess.kill("SIGKILL");
  }
  #waitExit() {
    return this.#exited ? Promise.resolve() : new Promise((resolve) => this.#exitWaiters.push(resolve));
  }
  #release(id, running) {
    this.#invocations.delete(id);
    if (running.signal !== void 0) this.#signals.delete(running.signal, id);
  }
  // The invocation rejects at once with the signal's reason, and its context calls are refused from
  // now on. The runner answers the cancel when the handler has really stopped. A ping sent right after
  // the cancels tells, at the end of the grace, why one is still unanswered: a loop that never answered
  // it is blocked (kill: nothing more can run there), a loop that did runs a call that will not stop
  // (a sync handler's thread: Python cannot stop it), and the runner is recycled.
  #onAbort(signal, ids) {
    const cancelled = [];
    for (const id of ids) {
      const running = this.#invocations.get(id);
      if (running === void 0) continue;
      running.signal = void 0;
      running.ended = true;
      this.#session.notify("cancel", { id });
      running.reject(signal.reason);
      cancelled.push(id);
    }
    if (cancelled.length === 0) return;
    let loopRuns = false;
    this.#ping().then(() => loopRuns = true, () => {
    });
    const grace = this.#options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS;
    setTimeout(() => {
      const stuck = this.#invocations.unanswered(cancelled);
      if (stuck.length === 0 || this.#exited) return;
      if (!loopRuns) return this.kill(`did not answer a cancel within ${grace} ms (its event loop is blocked)`, true);
      const steps = this.#invocations.steps(stuck);
      this.onStuck?.(this, `step ${steps} did not stop within ${grace} ms of its cancel (a sync handler's thread cannot be stopped)`);
    }, grace).unref();
  }
  #ping() {
    this.#pings++;
    return this.#session.call("ping", {}).finally(() => this.#pings--);
  }
  #onLiveness(responsive, silentMs) {
    this.#onLog(responsive ? "info" : "warn", livenessLine(this.pid, responsive, silentMs));
    this.onResponsiveChange?.(this);
  }
  #onHello(hello) {
    const waiter = this.#startWaiter;
    if (waiter === void 0) return;
    this.#startWaiter = void 0;
    if (hello.protocol !== PROTOCOL_VERSION) {
      const error = mismatchError(hello.protocol, PROTOCOL_VERSION);
      this.kill(error.message);
      return waiter.reject(error);
    }
    this.hello = hello;
    this.#ready = true;
    this.readyAt = Date.now();
    this.#liveness.start();
    waiter.resolve(hello);
  }
  #onStdout(chunk) {
    if (this.hello === void 0 && this.#head.length < HEAD_BYTES) this.#head = Buffer.concat([this.#head, chunk]).subarray(0, HEAD_BYTES);
    try {
      this.#session.feed(chunk);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#onLog("error", `Python runner channel is corrupt: ${message}`, { runner: this.pid });
      this.kill(this.hello === void 0 && printedAtStartup(this.#head) || `sent a corrupt frame (${message})`);
    }
  }
  #onStderr(line) {
    if (this.#stderrTail.push(line) > STDERR_TAIL) this.#stderrTail.shift();
    this.#onLog("warn", line, { runner: this.pid, stream: "stderr" });
  }
  // Which of the calls in flight caused the death (PROTOCOL.md §8): none when the core killed the
  // runner for a known call or an import ended it; any of them when several were in flight.
  #blame() {
    if (this.#culpritKnown || this.endedByImport) return INNOCENT;
    return this.activeLoad > 1 ? SUSPECT : void 0;
  }
  #onEnded(code, signal) {
    if (this.#exited) return;
    this.#exited = true;
    this.#ready = false;
    this.#stdin.close();
    this.#liveness.stop();
    const how = this.#killReason ?? describeExit(code, signal);
    this.exitReason = how;
    const pid = this.pid ?? 0;
    const waiter = this.#startWaiter;
    this.#startWaiter = void 0;
    if (waiter) waiter.reject(notReadyError(this.pid, how, this.#options.python, this.#stderrTail));
    this.endedByImport = this.#imports.busy;
    const blame = this.#blame();
    this.#session.failAll((id, method) => {
      if (this.#closing && this.#killReason === void 0) {
        return new MotiaError("E_SHUTTING_DOWN", `Python runner (pid ${pid}) shut down before "${method}" finished; it may be retried.`);
      }
      if (method === "describe") return this.#imports.lostError(id, pid, how);
      const step = this.#invocations.get(id)?.step;
      return crashError(pid, how, step !== void 0 ? `running step "${step}"` : `answering "${method}"`, blame);
    });
    this.#invocations.clear();
    for (const resolve of this.#exitWaiters.splice(0)) resolve();
    if (!this.#closing && !waiter) this.onExit?.(this, how);
  }
};

// src/languages/python/quarantine.ts
var Quarantine = class {
  #options;
  #onLog;
  #runners = /* @__PURE__ */ new Set();
  #batch = [];
  #closed = false;
  constructor(options2) {
    this.#options = options2;
    this.#onLog = options2.onLog ?? (() => {
    });
  }
  /** Runs `params` again, isolated from the calls it shared its dead runner with. */
  run(params, context, signal) {
    if (this.#closed) return Promise.reject(closedError());
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      if (this.#batch.push({ params, context, signal, resolve, reject }) === 1) setImmediate(() => this.#start(this.#batch.splice(0)));
    });
  }
  /** Fails the suspects not yet run (retryable) and gives the running ones `graceMs`. */
  async close(graceMs) {
    this.#closed = true;
    for (const suspect of this.#batch.splice(0)) suspect.reject(closedError());
    await Promise.all([...this.#runners].map((runner) => runner.close(graceMs)));
  }
  #start(suspects) {
    if (suspects.length > 1) {
      this.#onLog("info", `${suspects.length} calls were in flight on a Python runner that died: they run again on separate runners to find the one that ended it.`);
    }
    void this.#split(suspects);
  }
  // Together they ended a runner already: run them as two halves, each on a runner of its own.
  async #split(suspects) {
    if (suspects.length === 1) return this.#test(suspects);
    const half = Math.ceil(suspects.length / 2);
    await Promise.all([this.#test(suspects.slice(0, half)), this.#test(suspects.slice(half))]);
  }
  async #test(suspects) {
    const live = suspects.filter((suspect) => {
      const error = this.#closed ? closedError() : suspect.signal?.aborted ? suspect.signal.reason : void 0;
      if (error !== void 0) suspect.reject(error);
      return error === void 0;
    });
    if (live.length === 0) return;
    let runner;
    try {
      runner = await this.#runner();
    } catch (error) {
      for (const suspect of live) suspect.reject(this.#closed ? closedError() : error);
      return;
    }
    const cut = [];
    await Promise.all(
      live.map(
        (suspect) => runner.invoke(suspect.params, suspect.context, suspect.signal).then(suspect.resolve, (error) => {
          if (isRerun(error)) cut.push(suspect);
          else suspect.reject(this.#closed ? closedError() : this.#blame(suspect, runner, error));
        })
      )
    );
    this.#runners.delete(runner);
    void runner.close(0);
    if (cut.length > 0) await this.#split(cut);
  }
  // Alone in flight on its runner, a call whose runner died is the culprit: its error says so.
  #blame(suspect, runner, error) {
    if (!(error instanceof MotiaError) || error.code !== "E_RUNNER_CRASHED" || !runner.exited) return error;
    const pid = runner.pid ?? 0;
    const step = suspect.params.step;
    this.#onLog("warn", `Python runner (pid ${pid}) died running step "${step}" alone: that call is what ends its runner; it fails, the calls that shared a runner with it run normally.`);
    return crashError(pid, runner.exitReason ?? "exited", `running step "${step}" alone`);
  }
  async #runner() {
    const runner = new RunnerProcess(this.#options);
    runner.onStuck = (stuck, reason) => stuck.kill(reason, true);
    this.#runners.add(runner);
    try {
      await runner.start();
    } catch (error) {
      this.#runners.delete(runner);
      throw error;
    }
    return runner;
  }
};
var closedError = () => new MotiaError("E_SHUTTING_DOWN", "The Python runner pool is closing; the call was not run.");

// src/languages/python/runner-pool.ts
var HEALTHY_MS = 1e4;
var DEFAULT_RECYCLE_GRACE_MS = 3e4;
var RunnerPool = class {
  size;
  #options;
  #onLog;
  #all = /* @__PURE__ */ new Set();
  #quarantine;
  #ready = [];
  #waiting = [];
  #crashStreak = 0;
  #timers = /* @__PURE__ */ new Set();
  #started;
  #closed = false;
  #closing;
  constructor(options2) {
    this.#options = options2;
    this.#onLog = options2.onLog ?? (() => {
    });
    this.size = resolvePoolSize(options2.size, options2.env ?? process.env);
    this.#quarantine = new Quarantine(options2);
  }
  /** Pids of the runners that are ready now. */
  get pids() {
    return this.#ready.map((runner) => runner.pid);
  }
  /** Starts every runner and waits for their hello; rejects (and stops the rest) if one fails. */
  start() {
    this.#started ??= this.#startAll();
    return this.#started;
  }
  /**
   * Runs a handler on the least loaded responsive runner. If that runner dies under it with other calls
   * in flight, the call is run again (alone, when it may be the cause): its caller sees the crash only
   * when this very call is what ends a runner.
   */
  invoke(params, context, signal) {
    const runner = this.#pick();
    const run = runner !== void 0 ? runner.invoke(params, context, signal) : this.#nextRunner(signal).then((next) => next.invoke(params, context, signal));
    return run.catch((error) => {
      if (!isRerun(error) || this.#closed) throw error;
      return error.cause === SUSPECT ? this.#quarantine.run(params, context, signal) : this.invoke(params, context, signal);
    });
  }
  /** Reads a step file's config; `timeoutMs` bounds its import (see `RunnerProcess.describe`). */
  describe(file, timeoutMs) {
    const runner = this.#pick();
    if (runner !== void 0) return runner.describe(file, timeoutMs);
    return this.#nextRunner().then((next) => next.describe(file, timeoutMs));
  }
  /** Shuts every runner down (in-flight work gets `graceMs`), then kills stragglers. Every call waits for it. */
  close(graceMs = 2e3) {
    this.#closing ??= this.#closeAll(graceMs);
    return this.#closing;
  }
  async #closeAll(graceMs) {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#rejectWaiting(new MotiaError("E_SHUTTING_DOWN", "The Python runner pool is closing; the call was not run."));
    this.#ready = [];
    await Promise.all([...[...this.#all].map((runner) => runner.close(graceMs)), this.#quarantine.close(graceMs)]);
  }
  async #startAll() {
    const results = await Promise.allSettled(Array.from({ length: this.size }, () => this.#spawn()));
    const failed = results.find((r) => r.status === "rejected");
    if (failed === void 0) return;
    await this.close(0);
    throw failed.reason;
  }
  async #spawn() {
    const runner = new RunnerProcess(this.#options);
    runner.onExit = (dead, reason) => this.#onExit(dead, reason);
    runner.onStuck = (stuck, reason) => this.#recycle(stuck, reason);
    runner.onResponsiveChange = (changed) => this.#onResponsiveChange(changed);
    this.#all.add(runner);
    try {
      await runner.start();
    } catch (error) {
      this.#all.delete(runner);
      throw error;
    }
    if (this.#closed) {
      await runner.close(0);
      throw new MotiaError("E_SHUTTING_DOWN", "The Python runner pool closed while a runner was starting.");
    }
    this.#ready.push(runner);
    for (const waiter of this.#waiting.splice(0)) waiter.resolve(this.#pick() ?? runner);
    return runner;
  }
  // Least loaded wins; ties go to the first runner, so that a quiet pool keeps one runner warm
  // (sequential calls hopping between sleeping runners cost a wake-up each).
  #pick() {
    let best;
    let bestLoad = Infinity;
    for (const runner of this.#ready) {
      const load = runner.load;
      if (load < bestLoad && runner.ready && runner.responsive) {
        best = runner;
        bestLoad = load;
        if (load === 0) break;
      }
    }
    return best;
  }
  // Waits for a runner to come (back) up; an abort (timeout, app stop) ends the wait.
  #nextRunner(signal) {
    if (this.#closed) return Promise.reject(new MotiaError("E_SHUTTING_DOWN", "The Python runner pool is closed; the call was not run."));
    if (this.#started === void 0) {
      return Promise.reject(new MotiaError("E_BAD_OPTION", "The Python runner pool is not started: call `await pool.start()` first.", { retryable: false }));
    }
    return new Promise((resolve, reject) => {
      if (signal === void 0) {
        this.#waiting.push({ resolve, reject });
        return;
      }
      const onAbort = () => {
        this.#waiting = this.#waiting.filter((w) => w !== waiter);
        reject(signal.reason);
      };
      const waiter = {
        resolve: (runner) => (signal.removeEventListener("abort", onAbort), resolve(runner)),
        reject: (error) => (signal.removeEventListener("abort", onAbort), reject(error))
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.#waiting.push(waiter);
    });
  }
  #rejectWaiting(error) {
    for (const waiter of this.#waiting.splice(0)) waiter.reject(error);
  }
  #onExit(runner, reason) {
    this.#all.delete(runner);
    this.#ready = this.#ready.filter((r) => r !== runner);
    if (this.#closed) return;
    if (!runner.endedByImport) {
      this.#crashStreak = runner.readyAt > 0 && Date.now() - runner.readyAt >= HEALTHY_MS ? 1 : this.#crashStreak + 1;
    }
    this.#scheduleRestart(`Python runner (pid ${runner.pid}) ${reason}`);
  }
  // A call that will not stop (a sync handler's thread) holds a thread of its runner for good: the
  // runner takes no new calls, a new one starts now, and the old one stops once its other calls are done.
  #recycle(runner, reason) {
    if (this.#closed || !this.#ready.includes(runner)) return;
    this.#ready = this.#ready.filter((r) => r !== runner);
    const others = runner.activeLoad;
    this.#onLog(
      "warn",
      `Python runner (pid ${runner.pid}) is recycled: ${reason}; a new runner takes new calls, and this one stops once its ${others} other call(s) finish.`
    );
    this.#startReplacement();
    const graceMs = this.#options.recycleGraceMs ?? DEFAULT_RECYCLE_GRACE_MS;
    void runner.close(graceMs).then(() => this.#all.delete(runner));
  }
  #onResponsiveChange(runner) {
    if (!runner.responsive || !this.#ready.includes(runner)) return;
    for (const waiter of this.#waiting.splice(0)) waiter.resolve(this.#pick() ?? runner);
  }
  #scheduleRestart(what) {
    const { baseMs = 100, maxMs = 5e3 } = this.#options.restartBackoff ?? {};
    const delay = Math.min(maxMs, baseMs * 2 ** Math.max(0, this.#crashStreak - 1));
    this.#onLog("warn", `${what}; starting a new runner in ${delay} ms.`);
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#startReplacement();
    }, delay);
    this.#timers.add(timer);
  }
  #startReplacement() {
    this.#spawn().catch((error) => {
      if (this.#closed) return;
      if (this.#ready.length === 0) this.#rejectWaiting(error);
      this.#crashStreak++;
      this.#scheduleRestart(`A new Python runner failed to start (${error.message.split("\n")[0]})`);
    });
  }
};
export {
  DEFAULT_RECYCLE_GRACE_MS,
  RunnerPool
};

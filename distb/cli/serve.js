import {
  parseNonNegativeInt,
  parsePort,
  parsePositiveInt
} from "./chunk-NL2C5GWG.js";
import {
  NOT_STARTED
} from "./chunk-MANEPXX3.js";
import {
  discoverStepFiles,
  relativePath
} from "./chunk-UXIGHXAM.js";
import {
  MotiaError,
  RemoteError,
  StepConfigError,
  handlerTimeout,
  invocationEnded,
  leaseExpired,
  notSubscribed,
  toWireError,
  undeclaredEmit,
  unstorableError
} from "./chunk-OVUCM73P.js";

// src/cli/serve.ts
import { existsSync as existsSync4 } from "node:fs";
import { join as join8, resolve as resolve4 } from "node:path";

// src/engine/app.ts
import { join as join7, resolve as resolve3 } from "node:path";

// src/defaults.ts
var DEFAULT_BODY_LIMIT = 1024 * 1024;
var DEFAULT_GRACE_MS = 1e4;
var DEFAULT_IMPORT_TIMEOUT_MS = 3e4;
var HTTP_METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"];
var MAX_JSON_DEPTH = 256;

// src/adapters/local-queue/options.ts
import { randomUUID } from "node:crypto";

// src/engine/backoff.ts
var DEFAULT_BACKOFF = { baseMs: 1e3, maxMs: 3e5 };
function retryDelayMs(attempt, options, random = Math.random) {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new MotiaError("E_BAD_OPTION", `Expected the retry \`attempt\` to be an integer >= 1, got \`${String(attempt)}\` (${typeof attempt}).`, { retryable: false });
  }
  const step = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt - 1, 52));
  const half = step / 2;
  return Math.round(half + random() * half);
}
function checkBackoffOptions(options, name = "backoff") {
  const merged = { ...DEFAULT_BACKOFF };
  for (const key of ["baseMs", "maxMs"]) {
    if (options?.[key] !== void 0) merged[key] = options[key];
    const value = merged[key];
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new MotiaError("E_BAD_OPTION", `Expected the \`${name}.${key}\` option to be a non-negative number, got \`${String(value)}\` (${typeof value}).`, { retryable: false });
    }
  }
  if (merged.maxMs < merged.baseMs) {
    throw new MotiaError("E_BAD_OPTION", `Expected the \`${name}.maxMs\` option (${merged.maxMs}) to be at least \`${name}.baseMs\` (${merged.baseMs}).`, { retryable: false });
  }
  return merged;
}

// src/adapters/local-queue/backlog.ts
var DEFAULT_MEMORY_WINDOW = 1e4;
var Backlog = class {
  constructor(store, window) {
    this.store = store;
    this.window = window;
    this.pagedOut = store.pages;
  }
  store;
  window;
  cursor = 0;
  /** The store may hold messages above the cursor. A paging store starts so: a previous run may have left some. */
  pagedOut;
  get hasPagedOut() {
    return this.pagedOut;
  }
  /**
   * Whether a message the store just gave `seq` is taken into memory now: not while older ones wait in the store
   * (it waits behind them), not when a page already read it, and not when there is no `room` (it starts waiting).
   */
  admit(seq, room) {
    if (this.pagedOut || seq <= this.cursor) return false;
    if (!room) {
      this.pagedOut = true;
      return false;
    }
    this.cursor = seq;
    return true;
  }
  /** The next `limit` messages waiting in the store, oldest first; a short page means the store has no more. */
  nextPage(limit) {
    if (!this.pagedOut || limit <= 0) return [];
    const page = this.store.loadPage(this.cursor, limit);
    if (page.length < limit) this.pagedOut = false;
    const last = page.at(-1);
    if (last) this.cursor = last.seq;
    return page;
  }
};

// src/adapters/local-queue/options.ts
var describe = (value) => `\`${typeof value === "string" ? JSON.stringify(value) : String(value)}\` (${value === null ? "null" : typeof value})`;
var badOption = (what, expected, value) => new MotiaError("E_BAD_OPTION", `Expected ${what} to be ${expected}, got ${describe(value)}.`, { retryable: false });
function checkQueueOptions(options = {}) {
  for (const key of ["onError", "onDeadLetter", "onWarning"]) {
    if (options[key] !== void 0 && typeof options[key] !== "function") throw badOption(`the \`${key}\` option`, "a function", options[key]);
  }
  return {
    backoff: checkBackoffOptions(options.backoff),
    onError: options.onError ?? ((error) => console.error("[motia queue]", error)),
    onDeadLetter: options.onDeadLetter,
    onWarning: options.onWarning ?? ((message) => console.warn("[motia queue]", message)),
    memoryWindow: checkMemoryWindow(options.memoryWindow)
  };
}
function checkMemoryWindow(window) {
  if (window === void 0) return DEFAULT_MEMORY_WINDOW;
  if (!Number.isInteger(window) || window < 1) throw badOption("the `memoryWindow` option", "an integer >= 1", window);
  return window;
}
function checkSubscription(subscription) {
  const { stepName, type, maxRetries, concurrency } = subscription;
  if (typeof stepName !== "string" || stepName === "") throw badOption("`subscription.stepName`", "a non-empty string", stepName);
  if (type !== "standard" && type !== "fifo") throw badOption(`\`subscription.type\` of step "${stepName}"`, '"standard" or "fifo"', type);
  if (!Number.isInteger(maxRetries) || maxRetries < 0) throw badOption(`\`subscription.maxRetries\` of step "${stepName}"`, "an integer >= 0", maxRetries);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw badOption(`\`subscription.concurrency\` of step "${stepName}"`, "an integer >= 1", concurrency);
}
function toQueueMessage(message, now) {
  const { topic: topic2, stepName, data, traceId, messageGroupId, delayMs = 0 } = message;
  if (typeof stepName !== "string" || stepName === "") throw badOption("a message `stepName`", "a non-empty string", stepName);
  if (typeof topic2 !== "string") throw badOption(`the \`topic\` of a message for step "${stepName}"`, "a string", topic2);
  if (typeof traceId !== "string") throw badOption(`the \`traceId\` of a message for step "${stepName}"`, "a string", traceId);
  if (typeof delayMs !== "number" || !Number.isFinite(delayMs) || delayMs < 0) {
    throw badOption(`the \`delayMs\` of a message for step "${stepName}"`, "a non-negative number", delayMs);
  }
  if (messageGroupId !== void 0 && messageGroupId !== null && typeof messageGroupId !== "string") {
    throw badOption(`the \`messageGroupId\` of a message for step "${stepName}"`, "a string", messageGroupId);
  }
  const copy = copyData(data, topic2, stepName);
  const stored = { id: randomUUID(), topic: topic2, stepName, data: copy, traceId, attempts: 0, visibleAt: now + Math.ceil(delayMs), createdAt: now };
  if (typeof messageGroupId === "string") stored.messageGroupId = messageGroupId;
  return stored;
}
function revive(deadLetter, now) {
  const { topic: topic2, stepName, data, traceId, messageGroupId } = deadLetter;
  const message = { id: randomUUID(), topic: topic2, stepName, data, traceId, attempts: 0, visibleAt: now, createdAt: now };
  if (messageGroupId !== void 0) message.messageGroupId = messageGroupId;
  return message;
}
function copyData(data, topic2, stepName) {
  try {
    return jsonCopy(data);
  } catch (error) {
    throw new MotiaError(
      "E_NOT_SERIALIZABLE",
      `Event data for topic "${topic2}" (step "${stepName}") cannot be stored as JSON (${error.message}): emit plain JSON values (no BigInt, functions or cycles).`,
      { cause: error, retryable: false }
    );
  }
}
function jsonCopy(data) {
  const text = JSON.stringify(data);
  return text === void 0 ? void 0 : JSON.parse(text);
}

// src/adapters/local-queue/failure.ts
function describeFailure(error) {
  try {
    const wire = JSON.parse(JSON.stringify(toWireError(error)));
    const retryable = wire.retryable !== false && error?.retryable !== false;
    return { ...wire, type: typeof wire.type === "string" ? wire.type : "Error", message: String(wire.message ?? ""), retryable };
  } catch (cause) {
    return unstorableError(cause);
  }
}
function interruptedFailure(times, attempts) {
  return {
    type: "DeliveryInterrupted",
    message: `The process stopped ${times} time(s) while this message was being handled (crash, kill or exit): moved to the dead letters after ${attempts} attempts.`,
    code: "E_DELIVERY_INTERRUPTED",
    retryable: false
  };
}

// src/adapters/local-queue/deque.ts
var Deque = class {
  items = [];
  head = 0;
  get size() {
    return this.items.length - this.head;
  }
  push(item) {
    this.items.push(item);
  }
  peek() {
    return this.items[this.head];
  }
  shift() {
    if (this.head >= this.items.length) return void 0;
    const item = this.items[this.head];
    this.items[this.head++] = void 0;
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
};

// src/adapters/local-queue/lane.ts
var Lane = class {
  /** Every live message of the step, in enqueue order (Map keeps insertion order). */
  entries = /* @__PURE__ */ new Map();
  subscription;
  handler;
  inFlight = 0;
  fifo = false;
  ready = new Deque();
  // fifo: one line per messageGroupId (undefined = the default group); only a line's head is deliverable.
  groups = /* @__PURE__ */ new Map();
  readyGroups = new Deque();
  /** Attaches a subscription and re-sorts the stored messages for its type. */
  attach(subscription, handler) {
    this.subscription = subscription;
    this.handler = handler;
    this.fifo = subscription.type === "fifo";
    this.ready = new Deque();
    this.groups = /* @__PURE__ */ new Map();
    this.readyGroups = new Deque();
    for (const entry of this.entries.values()) this.place(entry);
    for (const group of this.groups.values()) this.queueIfHeadReady(group);
  }
  detach() {
    this.subscription = void 0;
    this.handler = void 0;
  }
  add(entry) {
    this.entries.set(entry.message.id, entry);
    const group = this.place(entry);
    if (group) this.queueIfHeadReady(group);
  }
  /** Called when a waiting entry's visibleAt has come. */
  becameReady(entry) {
    if (!this.fifo) this.ready.push(entry);
    else {
      const group = this.groups.get(entry.message.messageGroupId);
      if (group) this.queueIfHeadReady(group);
    }
  }
  /** The next entry that may be delivered now, or undefined. */
  next() {
    if (!this.fifo) {
      for (let entry = this.ready.shift(); entry; entry = this.ready.shift()) {
        if (entry.state === "ready") return entry;
      }
      return void 0;
    }
    for (let group = this.readyGroups.shift(); group; group = this.readyGroups.shift()) {
      group.queued = false;
      const head = this.head(group);
      if (head?.state === "ready") return head;
    }
    return void 0;
  }
  /** Forgets an entry that was acknowledged or dead-lettered; unblocks its fifo group. */
  remove(entry) {
    entry.state = "done";
    this.entries.delete(entry.message.id);
    const group = this.groups.get(entry.message.messageGroupId);
    if (group) this.queueIfHeadReady(group);
  }
  place(entry) {
    if (!this.fifo) {
      if (entry.state === "ready") this.ready.push(entry);
      return void 0;
    }
    const key = entry.message.messageGroupId;
    let group = this.groups.get(key);
    if (!group) {
      group = { key, line: new Deque(), queued: false };
      this.groups.set(key, group);
    }
    group.line.push(entry);
    return group;
  }
  // The first live entry of a group; drops finished ones and empty groups on the way.
  head(group) {
    while (group.line.peek()?.state === "done") group.line.shift();
    const head = group.line.peek();
    if (!head && this.groups.get(group.key) === group) this.groups.delete(group.key);
    return head;
  }
  queueIfHeadReady(group) {
    if (!group.queued && this.head(group)?.state === "ready") {
      group.queued = true;
      this.readyGroups.push(group);
    }
  }
};
function countHeld(lanes) {
  const held = { subscribed: 0, unsubscribed: 0 };
  for (const lane of lanes) {
    if (lane.handler) held.subscribed += lane.entries.size;
    else held.unsubscribed += lane.entries.size;
  }
  return held;
}

// src/adapters/local-queue/min-heap.ts
var MinHeap = class {
  keys = [];
  values = [];
  get size() {
    return this.keys.length;
  }
  peekKey() {
    return this.keys[0];
  }
  push(key, value) {
    let i = this.keys.length;
    this.keys.push(key);
    this.values.push(value);
    while (i > 0) {
      const parent = i - 1 >> 1;
      if (this.keys[parent] <= key) break;
      this.move(parent, i);
      i = parent;
    }
    this.keys[i] = key;
    this.values[i] = value;
  }
  pop() {
    if (this.keys.length === 0) return void 0;
    const top = this.values[0];
    const key = this.keys.pop();
    const value = this.values.pop();
    const n = this.keys.length;
    if (n > 0) {
      let i = 0;
      for (; ; ) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && this.keys[child + 1] < this.keys[child]) child++;
        if (this.keys[child] >= key) break;
        this.move(child, i);
        i = child;
      }
      this.keys[i] = key;
      this.values[i] = value;
    }
    return top;
  }
  move(from, to) {
    this.keys[to] = this.keys[from];
    this.values[to] = this.values[from];
  }
};

// src/adapters/local-queue/turn-budget.ts
var DELIVERIES_PER_TURN = 512;
var TurnBudget = class {
  constructor(perTurn, resume) {
    this.perTurn = perTurn;
    this.resume = resume;
  }
  perTurn;
  resume;
  spent = 0;
  reset;
  deferred = /* @__PURE__ */ new Set();
  /** Takes one delivery; false when this turn's budget is spent (then `holder` is resumed on the next turn). */
  take(holder) {
    this.scheduleReset();
    if (this.spent >= this.perTurn) {
      this.deferred.add(holder);
      return false;
    }
    this.spent++;
    return true;
  }
  cancel() {
    clearImmediate(this.reset);
    this.reset = void 0;
    this.deferred.clear();
  }
  scheduleReset() {
    if (this.reset) return;
    this.reset = setImmediate(() => {
      this.reset = void 0;
      this.spent = 0;
      const holders = [...this.deferred];
      this.deferred.clear();
      for (const holder of holders) this.resume(holder);
    });
  }
};

// src/adapters/local-queue/scheduler.ts
var MAX_TIMER_MS = 2 ** 31 - 1;
var Scheduler = class {
  constructor(options) {
    this.options = options;
    this.backlog = new Backlog(options.store, options.window);
  }
  options;
  lanes = /* @__PURE__ */ new Map();
  delays = new MinHeap();
  timer;
  timerAt = Infinity;
  running = false;
  /** Once detached, late handler results are ignored: the store is closed, the rows stay for the next run. */
  detached = false;
  inFlight = 0;
  idleWaiters = [];
  /** Steps already reported as holding messages that nobody subscribes to. */
  reported = /* @__PURE__ */ new Set();
  /** Messages of unsubscribed steps read past but left in the store (beyond the window): for the warning. */
  leftInStore = /* @__PURE__ */ new Map();
  backlog;
  budget = new TurnBudget(DELIVERIES_PER_TURN, (lane) => this.pump(lane));
  get heldMessages() {
    const { subscribed, unsubscribed } = countHeld(this.lanes.values());
    return subscribed + unsubscribed;
  }
  subscribe(subscription, handler) {
    const lane = this.lane(subscription.stepName);
    lane.attach(subscription, handler);
    this.pump(lane);
  }
  unsubscribe(stepName) {
    this.lanes.get(stepName)?.detach();
  }
  /** Takes messages that are already stored; those that do not fit the window (or queue behind paged-out ones) wait in the store. */
  add(stored) {
    if (this.detached) return;
    const held = countHeld(this.lanes.values());
    const admitted = [];
    for (const { message, seq } of stored) {
      const subscribed = this.lanes.get(message.stepName)?.handler !== void 0;
      const room = subscribed ? held.subscribed < this.backlog.window : held.unsubscribed < this.backlog.window;
      if (!this.backlog.admit(seq, room)) continue;
      admitted.push(message);
      if (subscribed) held.subscribed++;
      else held.unsubscribed++;
    }
    this.place(admitted);
    this.refill();
  }
  place(messages) {
    const now = Date.now();
    const touched = /* @__PURE__ */ new Set();
    const steps = /* @__PURE__ */ new Set();
    for (const message of messages) {
      const entry = { message, state: message.visibleAt <= now ? "ready" : "waiting" };
      const lane = this.lane(message.stepName);
      lane.add(entry);
      if (entry.state === "waiting") this.delays.push(message.visibleAt, entry);
      else touched.add(lane);
      steps.add(message.stepName);
    }
    for (const step of steps) this.reportIfUnsubscribed(step, this.lane(step));
    for (const lane of touched) this.pump(lane);
    this.arm();
  }
  start() {
    if (this.detached || this.running) return;
    this.running = true;
    this.refill();
    this.promoteDue();
    for (const [stepName, lane] of this.lanes) {
      this.reportIfUnsubscribed(stepName, lane);
      this.pump(lane);
    }
    this.arm();
  }
  /** Stops new deliveries; results of in-flight ones are still recorded. */
  stop() {
    this.running = false;
    this.budget.cancel();
    clearTimeout(this.timer);
    this.timer = void 0;
    this.timerAt = Infinity;
  }
  /** Resolves true when no handler is in flight, or false after `graceMs` (Infinity: no limit). */
  whenIdle(graceMs) {
    if (this.inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve5) => {
      const timeout = graceMs <= MAX_TIMER_MS ? setTimeout(() => resolve5(false), graceMs) : void 0;
      this.idleWaiters.push(() => {
        clearTimeout(timeout);
        resolve5(true);
      });
    });
  }
  detach() {
    this.stop();
    this.detached = true;
  }
  lane(stepName) {
    let lane = this.lanes.get(stepName);
    if (!lane) this.lanes.set(stepName, lane = new Lane());
    return lane;
  }
  // Messages of a step that was renamed or deleted since they were stored stay stored (the step may come
  // back), but are never silent: the first time a running queue holds some, it says so once.
  reportIfUnsubscribed(stepName, lane) {
    const stored = lane.entries.size + (this.leftInStore.get(stepName) ?? 0);
    if (!this.running || lane.handler || stored === 0 || this.reported.has(stepName)) return;
    this.reported.add(stepName);
    const count = stored === 1 ? "1 stored message" : `${stored} stored messages`;
    this.options.onWarning(
      `${count} for step "${stepName}" wait, but no step of that name subscribes (was it renamed or removed?). They are kept, and delivered once a step named "${stepName}" subscribes.`
    );
  }
  pump(lane) {
    while (this.running && lane.handler && lane.subscription && lane.inFlight < lane.subscription.concurrency) {
      if (!this.budget.take(lane)) return;
      const entry = lane.next();
      if (!entry) return;
      this.deliver(lane, entry, lane.subscription, lane.handler);
    }
  }
  deliver(lane, entry, subscription, handler) {
    this.options.store.started(entry.message);
    entry.state = "inflight";
    lane.inFlight++;
    this.inFlight++;
    let delivery;
    try {
      delivery = Promise.resolve(handler({ ...entry.message, data: jsonCopy(entry.message.data) }));
    } catch (error) {
      delivery = Promise.reject(error);
    }
    delivery.then(
      () => this.settle(lane, entry, subscription, void 0, false),
      (error) => this.settle(lane, entry, subscription, error, true)
    );
  }
  settle(lane, entry, subscription, error, failed) {
    if (this.detached) return;
    lane.inFlight--;
    this.inFlight--;
    if (!failed) {
      lane.remove(entry);
      this.options.store.remove(entry.message);
    } else {
      this.fail(lane, entry, subscription, error);
    }
    if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    this.pump(lane);
    this.refill();
  }
  fail(lane, entry, subscription, error) {
    const attempts = entry.message.attempts + 1;
    const wire = describeFailure(error);
    if (wire.retryable && attempts <= subscription.maxRetries) {
      const visibleAt = Date.now() + retryDelayMs(attempts, this.options.backoff);
      entry.message = { ...entry.message, attempts, visibleAt };
      entry.state = "waiting";
      this.delays.push(visibleAt, entry);
      this.options.store.reschedule(entry.message);
      this.arm();
      return;
    }
    this.deadLetter(lane, entry, attempts, wire);
  }
  // Once the window has drained to half, reads pages from the store until it is full again or the store is empty.
  refill() {
    if (!this.running || !this.backlog.hasPagedOut) return;
    const { window } = this.backlog;
    const held = countHeld(this.lanes.values());
    if (held.subscribed > window / 2) return;
    while (this.backlog.hasPagedOut && held.subscribed < window) {
      const page = this.backlog.nextPage(window - held.subscribed);
      const taken = [];
      for (const loaded of page) {
        const message = this.takeLoaded(loaded, held.unsubscribed < window);
        if (!message) continue;
        taken.push(message);
        if (this.lanes.get(message.stepName)?.handler) held.subscribed++;
        else held.unsubscribed++;
      }
      this.place(taken);
    }
  }
  // The message to hold for a loaded one, or undefined when it is dead-lettered or left in the store. A delivery
  // interrupted by the death of the process counts as a failed attempt (as SQS counts receives), so a message whose
  // handler kills the process reaches the dead letters instead of crash-looping the app. Messages of a step nobody
  // subscribes to are kept as they are, up to the window; beyond it they stay in the store for a later start.
  takeLoaded({ message, interrupted }, roomForUnsubscribed) {
    const lane = this.lane(message.stepName);
    const subscription = lane.handler ? lane.subscription : void 0;
    if (!subscription) {
      if (roomForUnsubscribed) return message;
      this.leftInStore.set(message.stepName, (this.leftInStore.get(message.stepName) ?? 0) + 1);
      this.reportIfUnsubscribed(message.stepName, lane);
      return void 0;
    }
    if (interrupted === 0) return message;
    const { attempts } = message;
    if (attempts > subscription.maxRetries) {
      this.deadLetter(lane, { message, state: "ready" }, attempts, interruptedFailure(interrupted, attempts));
      return void 0;
    }
    return { ...message, visibleAt: Math.max(message.visibleAt, Date.now() + retryDelayMs(attempts, this.options.backoff)) };
  }
  deadLetter(lane, entry, attempts, wire) {
    lane.remove(entry);
    const message = { ...entry.message, attempts };
    const { id, stepName, topic: topic2, data, traceId, messageGroupId } = message;
    const deadLetter = { id, stepName, topic: topic2, data, traceId, attempts, error: wire, failedAt: Date.now() };
    if (messageGroupId !== void 0) deadLetter.messageGroupId = messageGroupId;
    this.options.store.deadLetter(message, deadLetter).then(() => this.options.onDeadLetter?.(deadLetter)).catch(this.options.onError);
  }
  // Arms the one timer for the earliest pending visibleAt; an earlier armed timer is kept, as it re-arms when it fires.
  arm() {
    const at = this.delays.peekKey();
    if (!this.running || at === void 0) return;
    if (this.timer && this.timerAt <= at) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = void 0;
      this.timerAt = Infinity;
      this.promoteDue();
      this.arm();
    }, Math.min(Math.max(0, at - Date.now()), MAX_TIMER_MS));
  }
  promoteDue() {
    const now = Date.now();
    const touched = /* @__PURE__ */ new Set();
    for (let at = this.delays.peekKey(); at !== void 0 && at <= now; at = this.delays.peekKey()) {
      const entry = this.delays.pop();
      if (entry.state !== "waiting" || entry.message.visibleAt !== at) continue;
      entry.state = "ready";
      const lane = this.lane(entry.message.stepName);
      lane.becameReady(entry);
      touched.add(lane);
    }
    for (const lane of touched) this.pump(lane);
  }
};

// src/adapters/local-queue/local-queue.ts
var DEFAULT_CLOSE_GRACE_MS = DEFAULT_GRACE_MS;
var LocalQueue = class {
  constructor(store, options) {
    this.store = store;
    const checked = checkQueueOptions(options);
    this.scheduler = new Scheduler({ ...checked, store, window: store.pages ? checked.memoryWindow : Number.POSITIVE_INFINITY });
  }
  store;
  scheduler;
  closing;
  closed = false;
  /** Messages held in memory now (pending, delayed, retrying, in flight); a paging store holds the rest. */
  get heldMessages() {
    return this.scheduler.heldMessages;
  }
  subscribe(subscription, handler) {
    checkSubscription(subscription);
    if (typeof handler !== "function") {
      throw new MotiaError("E_BAD_OPTION", `Expected the handler of step "${subscription.stepName}" to be a function, got \`${String(handler)}\` (${typeof handler}).`, { retryable: false });
    }
    this.scheduler.subscribe(subscription, handler);
  }
  unsubscribe(stepName) {
    this.scheduler.unsubscribe(stepName);
  }
  async enqueue(messages) {
    this.assertOpen();
    const now = Date.now();
    const stored = messages.map((message) => toQueueMessage(message, now));
    if (stored.length === 0) return;
    const seqs = await this.store.insert(stored);
    this.scheduler.add(stored.map((message, i) => ({ message, seq: seqs[i] })));
  }
  async start() {
    if (this.closing) throw this.closedError();
    this.scheduler.start();
  }
  /**
   * Stops new deliveries, waits up to `graceMs` for handlers in flight, then releases the store. In a durable
   * store, a handler that did not finish within the grace counts as an interrupted (failed) attempt at the next start.
   */
  close(graceMs = DEFAULT_CLOSE_GRACE_MS) {
    this.closing ??= (async () => {
      this.scheduler.stop();
      await this.scheduler.whenIdle(graceMs);
      this.scheduler.detach();
      this.closed = true;
      await this.store.close();
    })();
    return this.closing;
  }
  async listDeadLetters() {
    this.assertOpen();
    return this.store.listDeadLetters();
  }
  async replayDeadLetter(id) {
    this.assertOpen();
    const replayed = await this.store.replayDeadLetter(id, (deadLetter) => revive(deadLetter, Date.now()));
    if (!replayed) return false;
    this.scheduler.add([replayed]);
    return true;
  }
  async discardDeadLetter(id) {
    this.assertOpen();
    return this.store.discardDeadLetter(id);
  }
  // Handlers still in flight during close() may enqueue (their emits must be kept), so only a closed store refuses.
  assertOpen() {
    if (this.closed) throw this.closedError();
  }
  closedError() {
    return new MotiaError("E_SHUTTING_DOWN", "The queue is closed: create a new queue (or restart the app) to enqueue or deliver messages.");
  }
};

// src/adapters/memory/message-store.ts
var MemoryMessageStore = class {
  /** Nothing is kept outside the scheduler, so nothing can be paged out of memory. */
  pages = false;
  deadLetters = /* @__PURE__ */ new Map();
  seq = 0;
  loadPage() {
    return [];
  }
  started() {
  }
  async insert(messages) {
    return messages.map(() => ++this.seq);
  }
  remove() {
  }
  reschedule() {
  }
  async deadLetter(_message, deadLetter) {
    this.deadLetters.set(deadLetter.id, deadLetter);
  }
  async listDeadLetters() {
    return [...this.deadLetters.values()].map((deadLetter) => ({ ...deadLetter }));
  }
  async replayDeadLetter(id, revive2) {
    const deadLetter = this.deadLetters.get(id);
    if (!deadLetter) return void 0;
    this.deadLetters.delete(id);
    return { message: revive2(deadLetter), seq: ++this.seq };
  }
  async discardDeadLetter(id) {
    return this.deadLetters.delete(id);
  }
  async close() {
  }
};

// src/adapters/memory/queue.ts
var MemoryQueue = class extends LocalQueue {
  constructor(options) {
    super(new MemoryMessageStore(), options);
  }
};

// src/adapters/memory/state-codec.ts
function checkGroupId(operation, groupId) {
  if (typeof groupId !== "string") throw badArgument(operation, "groupId", groupId);
}
function checkKey(operation, groupId, key) {
  checkGroupId(operation, groupId);
  if (typeof key !== "string") throw badArgument(operation, "key", key);
}
function encodeStateValue(groupId, key, value) {
  let text;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new MotiaError(
      "E_BAD_OPTION",
      `State value for key "${key}" in group "${groupId}" cannot be stored as JSON (${error.message}): store plain JSON values (no BigInt, functions or cycles).`,
      { cause: error, retryable: false }
    );
  }
  return text ?? "null";
}
var decodeStateValue = (text) => JSON.parse(text);
var stateClosedError = () => new MotiaError("E_SHUTTING_DOWN", "The state store is closed: open a new one (or restart the app) to read or write state.");
var badArgument = (operation, name, value) => new MotiaError(
  "E_BAD_OPTION",
  `Expected the \`${name}\` of state.${operation} to be a string, got \`${String(value)}\` (${value === null ? "null" : typeof value}).`,
  { retryable: false }
);

// src/adapters/memory/state-store.ts
var MemoryStateStore = class {
  store = /* @__PURE__ */ new Map();
  closed = false;
  async get(groupId, key) {
    this.open();
    checkKey("get", groupId, key);
    const text = this.store.get(groupId)?.get(key);
    return text === void 0 ? null : decodeStateValue(text);
  }
  async set(groupId, key, value) {
    this.open();
    checkKey("set", groupId, key);
    const text = encodeStateValue(groupId, key, value);
    let group = this.store.get(groupId);
    if (!group) this.store.set(groupId, group = /* @__PURE__ */ new Map());
    group.set(key, text);
    return value;
  }
  async delete(groupId, key) {
    this.open();
    checkKey("delete", groupId, key);
    const group = this.store.get(groupId);
    const text = group?.get(key);
    if (!group || text === void 0) return null;
    group.delete(key);
    if (group.size === 0) this.store.delete(groupId);
    return decodeStateValue(text);
  }
  async getGroup(groupId) {
    this.open();
    checkGroupId("getGroup", groupId);
    return (await this.entries(groupId)).map((entry) => entry.value);
  }
  async entries(groupId) {
    this.open();
    checkGroupId("entries", groupId);
    const group = this.store.get(groupId);
    if (!group) return [];
    return [...group.keys()].sort(compareKeys).map((key) => ({ key, value: decodeStateValue(group.get(key)) }));
  }
  async groups() {
    this.open();
    return [...this.store.keys()].sort(compareKeys);
  }
  async clear(groupId) {
    this.open();
    checkGroupId("clear", groupId);
    this.store.delete(groupId);
  }
  async close() {
    this.closed = true;
    this.store.clear();
  }
  open() {
    if (this.closed) throw stateClosedError();
  }
};
function compareKeys(a, b) {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

// src/adapters/sqlite/database.ts
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";

// src/adapters/sqlite/storage-error.ts
var FULL_CODES = /* @__PURE__ */ new Set(["SQLITE_FULL", "SQLITE_IOERR_WRITE", "SQLITE_IOERR_SHMSIZE", "ENOSPC", "EDQUOT"]);
var codeOf = (error) => {
  const code = error?.code;
  return typeof code === "string" ? code : void 0;
};
function isStorageFull(error) {
  const code = codeOf(error);
  return code !== void 0 && FULL_CODES.has(code);
}
function isLocked(error) {
  const code = codeOf(error);
  return code !== void 0 && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
}
function isTransient(error) {
  return isStorageFull(error) || isLocked(error) || (codeOf(error)?.startsWith("SQLITE_IOERR") ?? false);
}
function storageError(error, dir) {
  if (error instanceof MotiaError) return error;
  const code = codeOf(error);
  const why = `${code ?? "error"}: ${error instanceof Error ? error.message : String(error)}`;
  if (isStorageFull(error)) {
    return new MotiaError(
      "E_STORAGE_FULL",
      `The disk holding ${dir} is full (${why}): free space on it. Nothing was stored; events and state writes are refused until there is room.`,
      { cause: error, retryable: true }
    );
  }
  return new MotiaError(
    "E_STORAGE_FAILED",
    `The database in ${dir} failed (${why}): check the disk it is on and that motia.db is readable and writable.`,
    { cause: error, retryable: true }
  );
}

// src/adapters/sqlite/database.ts
var DATABASE_FILE = "motia.db";
function openDatabase(dir) {
  if (typeof dir !== "string" || dir === "") {
    throw new MotiaError("E_BAD_OPTION", `Expected the SQLite directory to be a non-empty string, got \`${String(dir)}\` (${typeof dir}).`, { retryable: false });
  }
  let db;
  try {
    mkdirSync(dir, { recursive: true });
    db = new Database(join(dir, DATABASE_FILE));
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("busy_timeout = 5000");
    db.pragma("cache_size = -2000");
    db.prepare("SELECT count(*) FROM sqlite_schema").get();
    return db;
  } catch (error) {
    db?.close();
    throw unopenable(dir, error);
  }
}
function unopenable(dir, error) {
  const code = error?.code;
  const message = error instanceof Error ? error.message : String(error);
  const why = typeof code === "string" && !message.startsWith(code) ? `${code}: ${message}` : message;
  if (isStorageFull(error)) {
    return new MotiaError("E_STORAGE_FULL", `The disk holding ${dir} is full (${why}): free space on it, then start again.`, { cause: error, retryable: false });
  }
  const damaged = code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT";
  const fix = damaged ? `${join(dir, DATABASE_FILE)} is damaged or is not a motia database: move it away (its pending events and state are lost) or restore it from a backup, then start again.` : `make ${dir} a directory this user can write to, or run with --memory.`;
  return new MotiaError("E_DATABASE_UNOPENABLE", `Cannot open the database in ${dir} (${why}): ${fix}`, { cause: error, retryable: false });
}

// src/adapters/sqlite/message-store.ts
import { dirname as dirname2 } from "node:path";

// src/adapters/sqlite/write-batcher.ts
import { dirname } from "node:path";
var RETRY_KEPT_WRITES_MS = { first: 100, max: 5e3 };
var live = /* @__PURE__ */ new Set();
var exitHooked = false;
function flushOnExit(batcher) {
  live.add(batcher);
  if (exitHooked) return;
  exitHooked = true;
  process.on("exit", () => {
    for (const open of live) {
      try {
        open.beforeExit?.();
        open.close();
      } catch {
      }
    }
  });
}
var WriteBatcher = class {
  constructor(db, onError, beforeExit) {
    this.db = db;
    this.onError = onError;
    this.beforeExit = beforeExit;
    this.dir = dirname(db.name);
    flushOnExit(this);
  }
  db;
  onError;
  beforeExit;
  pending = [];
  /** Lazy writes refused by a transient failure (a full disk), waiting for the retry timer. */
  kept = [];
  scheduled = false;
  retryTimer;
  retryDelayMs = RETRY_KEPT_WRITES_MS.first;
  closed = false;
  /** An outage was reported and has not ended yet: one report per outage, not per write or retry. */
  failing = false;
  dir;
  /** Resolves once `write` is committed; rejects with a MotiaError (the SQLite error as its cause). */
  write(write) {
    return new Promise((resolve5, reject) => {
      if (this.closed) return reject(new Error("The SQLite queue store is closed."));
      this.pending.push({ write, waiter: { resolve: resolve5, reject } });
      this.schedule();
    });
  }
  /** Queues a write nobody waits for (acks, retry updates); kept and retried when the disk is full. */
  writeLazily(write) {
    if (this.closed) return;
    this.pending.push({ write });
    this.schedule();
  }
  /** Lazy writes waiting for space (or the lock) to be tried again. */
  get keptWrites() {
    return this.kept.length;
  }
  /** Commits everything queued so far, now. */
  flush() {
    if (this.pending.length === 0 || this.closed) return;
    const batch = this.pending;
    this.pending = [];
    this.commit(batch);
  }
  /** Flushes, tries the kept writes once more, and refuses further writes (the connection is about to close). */
  close() {
    if (this.closed) return;
    this.flush();
    clearTimeout(this.retryTimer);
    this.retryKept();
    clearTimeout(this.retryTimer);
    this.closed = true;
    live.delete(this);
    if (this.kept.length > 0) {
      this.report(new Error(`${this.kept.length} acknowledgement(s) or retry update(s) could not be written before close: those messages are delivered again on the next start.`));
    }
  }
  commit(batch) {
    try {
      this.db.transaction(() => {
        for (const { write } of batch) write();
      })();
    } catch (error) {
      if (batch.length === 1 || isLocked(error)) this.fail(batch, error);
      else this.commitEach(batch);
      return;
    }
    for (const { waiter } of batch) waiter?.resolve();
  }
  commitEach(batch) {
    for (const pending of batch) {
      try {
        this.db.transaction(pending.write)();
        pending.waiter?.resolve();
      } catch (error) {
        this.fail([pending], error);
      }
    }
  }
  // Rejects the waiters; keeps lazy writes a later attempt may store, reports the others.
  fail(batch, error) {
    const lazy = [];
    for (const { write, waiter } of batch) {
      if (waiter) waiter.reject(storageError(error, this.dir));
      else lazy.push(write);
    }
    if (lazy.length === 0) return;
    if (!isTransient(error) || this.closed) {
      this.report(storageError(error, this.dir));
      return;
    }
    if (!this.failing) this.report(storageError(error, this.dir));
    this.failing = true;
    this.kept.push(...lazy);
    this.armRetry();
  }
  armRetry() {
    if (this.retryTimer !== void 0 || this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = void 0;
      this.retryKept();
    }, this.retryDelayMs);
    this.retryTimer.unref();
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, RETRY_KEPT_WRITES_MS.max);
  }
  retryKept() {
    if (this.kept.length === 0) return;
    const writes = this.kept;
    this.kept = [];
    this.commit(writes.map((write) => ({ write })));
    if (this.kept.length > 0) return;
    this.retryDelayMs = RETRY_KEPT_WRITES_MS.first;
    this.failing = false;
  }
  report(error) {
    try {
      this.onError(error);
    } catch {
    }
  }
  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }
};

// src/adapters/sqlite/queue-rows.ts
var SCHEMA = `
CREATE TABLE IF NOT EXISTS queue_messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  step_name TEXT NOT NULL,
  topic TEXT NOT NULL,
  data TEXT,
  trace_id TEXT NOT NULL,
  message_group_id TEXT,
  attempts INTEGER NOT NULL,
  visible_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  deliveries INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS dead_letters (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  step_name TEXT NOT NULL,
  topic TEXT NOT NULL,
  data TEXT,
  trace_id TEXT NOT NULL,
  message_group_id TEXT,
  attempts INTEGER NOT NULL,
  error TEXT NOT NULL,
  failed_at INTEGER NOT NULL
);
`;
function createQueueTables(db) {
  db.exec(SCHEMA);
  const columns = db.prepare("PRAGMA table_info(queue_messages)").all();
  if (!columns.some((column) => column.name === "deliveries")) {
    db.exec("ALTER TABLE queue_messages ADD COLUMN deliveries INTEGER NOT NULL DEFAULT 0");
  }
  const table = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'queue_messages'").pluck().get();
  if (table !== void 0 && !/AUTOINCREMENT/i.test(table)) makeSeqAutoincrement(db);
}
function makeSeqAutoincrement(db) {
  const columns = "seq, id, step_name, topic, data, trace_id, message_group_id, attempts, visible_at, created_at, deliveries";
  db.transaction(() => {
    db.exec("ALTER TABLE queue_messages RENAME TO queue_messages_before_paging");
    db.exec(SCHEMA);
    db.exec(`INSERT INTO queue_messages (${columns}) SELECT ${columns} FROM queue_messages_before_paging`);
    db.exec("DROP TABLE queue_messages_before_paging");
  })();
}
function toMessageRow(message) {
  return {
    id: message.id,
    step_name: message.stepName,
    topic: message.topic,
    data: encodeData(message),
    trace_id: message.traceId,
    message_group_id: message.messageGroupId ?? null,
    attempts: message.attempts,
    visible_at: message.visibleAt,
    created_at: message.createdAt,
    deliveries: message.attempts
  };
}
function fromMessageRow(row) {
  const interrupted = Math.max(0, row.deliveries - row.attempts);
  const message = {
    id: row.id,
    topic: row.topic,
    stepName: row.step_name,
    data: row.data === null ? void 0 : JSON.parse(row.data),
    traceId: row.trace_id,
    attempts: row.attempts + interrupted,
    visibleAt: row.visible_at,
    createdAt: row.created_at
  };
  if (row.message_group_id !== null) message.messageGroupId = row.message_group_id;
  return { message, seq: row.seq, interrupted };
}
function toDeadLetterRow(deadLetter) {
  return {
    id: deadLetter.id,
    step_name: deadLetter.stepName,
    topic: deadLetter.topic,
    data: encodeData(deadLetter),
    trace_id: deadLetter.traceId,
    message_group_id: deadLetter.messageGroupId ?? null,
    attempts: deadLetter.attempts,
    error: JSON.stringify(deadLetter.error),
    failed_at: deadLetter.failedAt
  };
}
function fromDeadLetterRow(row) {
  const deadLetter = {
    id: row.id,
    stepName: row.step_name,
    topic: row.topic,
    data: row.data === null ? void 0 : JSON.parse(row.data),
    traceId: row.trace_id,
    attempts: row.attempts,
    error: JSON.parse(row.error),
    failedAt: row.failed_at
  };
  if (row.message_group_id !== null) deadLetter.messageGroupId = row.message_group_id;
  return deadLetter;
}
function encodeData(message) {
  return JSON.stringify(message.data) ?? null;
}

// src/adapters/sqlite/message-store.ts
var MESSAGE_COLUMNS = "id, step_name, topic, data, trace_id, message_group_id, attempts, visible_at, created_at, deliveries";
var DEAD_LETTER_COLUMNS = "id, step_name, topic, data, trace_id, message_group_id, attempts, error, failed_at";
var params = (columns) => columns.split(", ").map((c) => `@${c}`).join(", ");
var COUNT_DELIVERY_AFTER_MS = 100;
var SqliteMessageStore = class {
  constructor(db, onError) {
    this.db = db;
    createQueueTables(db);
    this.batcher = new WriteBatcher(db, onError, () => this.countDeliveries(0));
    this.sql = {
      loadPage: db.prepare(`SELECT seq, ${MESSAGE_COLUMNS} FROM queue_messages WHERE seq > ? ORDER BY seq LIMIT ?`),
      insertMessage: db.prepare(`INSERT INTO queue_messages (${MESSAGE_COLUMNS}) VALUES (${params(MESSAGE_COLUMNS)})`),
      deleteMessage: db.prepare("DELETE FROM queue_messages WHERE id = ?"),
      // One more failure: `attempts` counts the failures handlers reported, not the interrupted deliveries.
      rescheduleMessage: db.prepare("UPDATE queue_messages SET attempts = attempts + 1, visible_at = ? WHERE id = ?"),
      countDelivery: db.prepare("UPDATE queue_messages SET deliveries = deliveries + 1 WHERE id = ?"),
      insertDeadLetter: db.prepare(
        `INSERT OR REPLACE INTO dead_letters (${DEAD_LETTER_COLUMNS}) VALUES (${params(DEAD_LETTER_COLUMNS)})`
      ),
      listDeadLetters: db.prepare(`SELECT ${DEAD_LETTER_COLUMNS} FROM dead_letters ORDER BY seq`),
      getDeadLetter: db.prepare(`SELECT ${DEAD_LETTER_COLUMNS} FROM dead_letters WHERE id = ?`),
      deleteDeadLetter: db.prepare("DELETE FROM dead_letters WHERE id = ?")
    };
  }
  db;
  /** Every message is a row: the queue holds a window of them in memory and reads the rest a page at a time. */
  pages = true;
  batcher;
  sql;
  // Deliveries started but not yet counted in the database: id -> start time.
  uncounted = /* @__PURE__ */ new Map();
  countTimer;
  loadPage(afterSeq, limit) {
    this.batcher.flush();
    return this.sqlite(() => this.sql.loadPage.all(afterSeq, limit)).map(fromMessageRow);
  }
  async insert(messages) {
    const rows = messages.map(toMessageRow);
    const seqs = [];
    await this.batcher.write(() => {
      seqs.length = 0;
      for (const row of rows) seqs.push(Number(this.sql.insertMessage.run(row).lastInsertRowid));
    });
    return seqs;
  }
  // Lazy like an ack: a start lost to a crash before its commit only under-counts (the message is redelivered).
  started(message) {
    this.uncounted.set(message.id, Date.now());
    this.countTimer ??= setTimeout(() => this.countDeliveries(COUNT_DELIVERY_AFTER_MS), COUNT_DELIVERY_AFTER_MS).unref();
  }
  remove(message) {
    this.uncounted.delete(message.id);
    this.batcher.writeLazily(() => this.sql.deleteMessage.run(message.id));
  }
  reschedule(message) {
    const { id, visibleAt } = message;
    const uncounted = this.uncounted.delete(id);
    this.batcher.writeLazily(() => {
      if (uncounted) this.sql.countDelivery.run(id);
      this.sql.rescheduleMessage.run(visibleAt, id);
    });
  }
  // Counts the deliveries in flight for at least `minAgeMs`; re-arms the timer for the younger ones.
  countDeliveries(minAgeMs) {
    this.countTimer = void 0;
    const now = Date.now();
    const due = [];
    let youngest = Number.POSITIVE_INFINITY;
    for (const [id, startedAt] of this.uncounted) {
      if (now - startedAt >= minAgeMs) due.push(id);
      else youngest = Math.min(youngest, startedAt);
    }
    for (const id of due) this.uncounted.delete(id);
    if (due.length > 0) {
      this.batcher.writeLazily(() => {
        for (const id of due) this.sql.countDelivery.run(id);
      });
    }
    if (this.uncounted.size > 0) {
      const wait = Math.max(1, youngest + COUNT_DELIVERY_AFTER_MS - now);
      this.countTimer = setTimeout(() => this.countDeliveries(COUNT_DELIVERY_AFTER_MS), wait).unref();
    }
  }
  async deadLetter(message, deadLetter) {
    this.uncounted.delete(message.id);
    const row = toDeadLetterRow(deadLetter);
    return this.batcher.write(() => {
      this.sql.insertDeadLetter.run(row);
      this.sql.deleteMessage.run(message.id);
    });
  }
  async listDeadLetters() {
    this.batcher.flush();
    return this.sqlite(() => this.sql.listDeadLetters.all()).map(fromDeadLetterRow);
  }
  async replayDeadLetter(id, revive2) {
    this.batcher.flush();
    return this.sqlite(
      () => this.db.transaction(() => {
        const row = this.sql.getDeadLetter.get(id);
        if (!row) return void 0;
        const message = revive2(fromDeadLetterRow(row));
        this.sql.deleteDeadLetter.run(id);
        return { message, seq: Number(this.sql.insertMessage.run(toMessageRow(message)).lastInsertRowid) };
      })()
    );
  }
  async discardDeadLetter(id) {
    this.batcher.flush();
    return this.sqlite(() => this.sql.deleteDeadLetter.run(id).changes > 0);
  }
  // Statements outside the batcher fail as its writes do: E_STORAGE_FULL or E_STORAGE_FAILED.
  sqlite(statement) {
    try {
      return statement();
    } catch (error) {
      throw storageError(error, dirname2(this.db.name));
    }
  }
  async close() {
    clearTimeout(this.countTimer);
    this.countDeliveries(0);
    this.batcher.close();
    this.db.close();
  }
};

// src/adapters/sqlite/queue.ts
var SqliteQueue = class extends LocalQueue {
  constructor(dir, options) {
    const { onError } = checkQueueOptions(options);
    super(new SqliteMessageStore(openDatabase(dir), onError), options);
  }
};

// src/adapters/sqlite/state-store.ts
var SCHEMA2 = `
CREATE TABLE IF NOT EXISTS state (
  group_id TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (group_id, key)
) WITHOUT ROWID;
`;
var SqliteStateStore = class {
  db;
  sql;
  dir;
  constructor(dir) {
    this.dir = dir;
    this.db = openDatabase(dir);
    this.db.exec(SCHEMA2);
    const db = this.db;
    this.sql = {
      get: db.prepare("SELECT value FROM state WHERE group_id = ? AND key = ?"),
      set: db.prepare(
        "INSERT INTO state (group_id, key, value) VALUES (?, ?, ?) ON CONFLICT (group_id, key) DO UPDATE SET value = excluded.value"
      ),
      delete: db.prepare("DELETE FROM state WHERE group_id = ? AND key = ? RETURNING value"),
      entries: db.prepare("SELECT key, value FROM state WHERE group_id = ? ORDER BY key"),
      groups: db.prepare("SELECT DISTINCT group_id FROM state ORDER BY group_id"),
      clear: db.prepare("DELETE FROM state WHERE group_id = ?")
    };
  }
  async get(groupId, key) {
    this.open();
    checkKey("get", groupId, key);
    const row = this.sqlite(() => this.sql.get.get(groupId, key));
    return row ? decodeStateValue(row.value) : null;
  }
  async set(groupId, key, value) {
    this.open();
    checkKey("set", groupId, key);
    const encoded = encodeStateValue(groupId, key, value);
    this.sqlite(() => this.sql.set.run(groupId, key, encoded));
    return value;
  }
  async delete(groupId, key) {
    this.open();
    checkKey("delete", groupId, key);
    const row = this.sqlite(() => this.sql.delete.get(groupId, key));
    return row ? decodeStateValue(row.value) : null;
  }
  async getGroup(groupId) {
    this.open();
    checkGroupId("getGroup", groupId);
    return this.sqlite(() => this.sql.entries.all(groupId)).map((row) => decodeStateValue(row.value));
  }
  async entries(groupId) {
    this.open();
    checkGroupId("entries", groupId);
    return this.sqlite(() => this.sql.entries.all(groupId)).map((row) => ({ key: row.key, value: decodeStateValue(row.value) }));
  }
  async groups() {
    this.open();
    return this.sqlite(() => this.sql.groups.all()).map((row) => row.group_id);
  }
  async clear(groupId) {
    this.open();
    checkGroupId("clear", groupId);
    this.sqlite(() => this.sql.clear.run(groupId));
  }
  async close() {
    if (this.db.open) this.db.close();
  }
  // A full disk is E_STORAGE_FULL, any other SQLite failure E_STORAGE_FAILED, the original as cause.
  sqlite(statement) {
    try {
      return statement();
    } catch (error) {
      throw storageError(error, this.dir);
    }
  }
  open() {
    if (!this.db.open) throw stateClosedError();
  }
};

// src/adapters/sqlite/directory-lock.ts
import { mkdirSync as mkdirSync2, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join as join2 } from "node:path";
import Database2 from "better-sqlite3";
var LOCK_FILE = "motia.lock";
var PID_FILE = "motia.pid";
function lockDirectory(dir) {
  const lockFile = join2(dir, LOCK_FILE);
  const pidFile = join2(dir, PID_FILE);
  let lock;
  try {
    mkdirSync2(dir, { recursive: true });
    lock = new Database2(lockFile, { timeout: 0 });
  } catch (error) {
    throw unopenable(dir, error);
  }
  try {
    lock.exec("BEGIN EXCLUSIVE");
  } catch (error) {
    lock.close();
    if (isLocked(error)) throw projectLocked(dir, pidFile);
    throw unopenable(dir, error);
  }
  writePid(pidFile);
  return () => {
    if (!lock.open) return;
    try {
      if (readFileSync(pidFile, "utf8").trim() === String(process.pid)) rmSync(pidFile, { force: true });
    } catch {
    }
    lock.close();
  };
}
function writePid(pidFile) {
  const temp = `${pidFile}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, String(process.pid));
    renameSync(temp, pidFile);
  } catch {
    rmSync(temp, { force: true });
  }
}
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}
function projectLocked(dir, pidFile) {
  let holder = "";
  try {
    const pid = Number(readFileSync(pidFile, "utf8").trim());
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) holder = ` (pid ${pid})`;
  } catch {
  }
  return new MotiaError(
    "E_PROJECT_LOCKED",
    `Another motia process${holder} is running this project: it holds ${dir}. Stop it first, or run this one with --memory.`,
    { retryable: false }
  );
}

// src/config/config-notices.ts
function configNotices({ config, fileName, unknownKeys }) {
  const notices = [];
  const adapters = Object.keys(config.adapters ?? {}).filter((key) => config.adapters[key] !== void 0);
  const external = [...config.redis ? ["redis"] : [], ...adapters.map((key) => `adapters.${key}`)];
  if (external.length > 0) {
    notices.push(`${fileName} sets ${external.join(", ")}: not used by this version of motia yet (Redis support comes later); the embedded adapters run instead`);
  }
  for (const key of ["app", "streamAuth"]) {
    if (config[key] !== void 0) notices.push(`${fileName} sets \`${key}\`: not supported by this version of motia, ignored`);
  }
  if (unknownKeys.length > 0) notices.push(`${fileName} has keys motia does not know, ignored: ${unknownKeys.join(", ")}`);
  return notices;
}

// src/config/load-config.ts
import { existsSync } from "node:fs";
import { join as join3 } from "node:path";
import { pathToFileURL as pathToFileURL3 } from "node:url";

// src/languages/node/import-step.ts
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
async function importStep(filePath, generation = 0, timeoutMs = DEFAULT_IMPORT_TIMEOUT_MS) {
  const url = pathToFileURL(filePath).href + (generation > 0 ? `?motia-reload=${generation}` : "");
  let timer;
  const timedOut = new Promise((resolve5) => {
    timer = setTimeout(() => {
      const message = `importing the module did not finish within ${timeoutMs / 1e3} s: does its top-level code \`await\` something that never settles (a connection, a promise nobody resolves)?`;
      resolve5({ problem: { filePath, message } });
    }, timeoutMs);
  });
  try {
    return await Promise.race([import(url).then((module) => ({ module })), timedOut]);
  } catch (error) {
    const line = lineOf(error, filePath) ?? syntaxErrorLine(error, filePath);
    return { problem: { filePath, message: `could not be imported: ${reason(error, filePath)}`, line } };
  } finally {
    clearTimeout(timer);
  }
}
function describeImportError(error, filePath) {
  return { message: reason(error, filePath), line: lineOf(error, filePath) ?? syntaxErrorLine(error, filePath) };
}
function reason(error, filePath) {
  if (!(error instanceof Error)) return String(error);
  const message = stripAnsi(error.message).replace(BANNER, "");
  const first = message.split("\n").map((line) => line.trim()).find((line) => line !== "") ?? message;
  const text = first.replace(/^\S+:\d+:\d+: (?:ERROR: )?/, "").replace(/^\[[A-Z_]+\] /, "").replace(` imported from ${filePath}`, "");
  const hint = error.code === "ERR_REQUIRE_CYCLE_MODULE" ? HINT_TYPELESS : "";
  const name = /^(?:Syntax|Type|Reference|Range)Error$/.test(error.name) ? `${error.name}: ` : "";
  return `${name}${text}${hint}`;
}
var BANNER = /^\s*(?:Parse failure: )?(?:Parse|Transform) failed with \d+ errors?:\s*/;
function stripAnsi(text) {
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}
var HINT_TYPELESS = ' (the package has no "type": "module" and only tsx\'s ESM hook is registered: register tsx\'s CommonJS hook too, e.g. `node --import tsx`)';
function lineOf(error, filePath) {
  if (typeof error !== "object" || error === null) return void 0;
  const e = error;
  if (typeof e.loc?.line === "number") return e.loc.line;
  const located = e.errors?.[0]?.location?.line;
  if (typeof located === "number") return located;
  const text = stripAnsi(`${String(e.message ?? "")}
${String(e.stack ?? "")}`);
  for (const prefix of [pathToFileURL(filePath).href, filePath]) {
    const at = text.indexOf(`${prefix}:`);
    if (at === -1) continue;
    const match = /^(?:\?[^:\s]*)?:(\d+)/.exec(text.slice(at + prefix.length));
    if (match) return Number(match[1]);
  }
  for (const match of text.matchAll(/([^\s[\]()'"]+):(\d+):\d+/g)) {
    const candidate = match[1].replace(/^\//, "");
    if (candidate.includes("/") && filePath.endsWith(`/${candidate}`)) return Number(match[2]);
  }
  return void 0;
}
function syntaxErrorLine(error, filePath) {
  if (!(error instanceof SyntaxError) || !/\.[cm]?js$/.test(filePath)) return void 0;
  const check = spawnSync(process.execPath, ["--check", filePath], { encoding: "utf8", timeout: 1e4 });
  const match = new RegExp(`^${escapeRegExp(filePath)}:(\\d+)`).exec(check.stderr ?? "");
  return match ? Number(match[1]) : void 0;
}
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// src/config/module-aliases.ts
import Module, { register } from "node:module";
import { fileURLToPath, pathToFileURL as pathToFileURL2 } from "node:url";

// src/config/workbench-plugins.ts
var WORKBENCH_PLUGINS = ["states", "endpoint", "logs", "observability", "bullmq"];

// src/config/module-aliases.ts
var ESM_HOOKS = `
let aliases = {}
export function initialize(data) { aliases = data }
export function resolve(specifier, context, next) {
  return next(aliases[specifier] ?? specifier, context)
}`;
var registered = false;
function registerModuleAliases() {
  if (registered) return;
  registered = true;
  const aliases = { "@motiadev/core": import.meta.resolve("../index.js") };
  for (const name of WORKBENCH_PLUGINS) aliases[`@motiadev/plugin-${name}/plugin`] = import.meta.resolve(`./workbench-plugins/${name}.js`);
  register(`data:text/javascript,${encodeURIComponent(ESM_HOOKS)}`, { parentURL: pathToFileURL2(process.cwd()).href, data: aliases });
  registerCommonJsAliases(new Map(Object.entries(aliases).map(([request, url]) => [request, fileURLToPath(url)])));
}
function registerCommonJsAliases(fileNames) {
  const internals = Module;
  const resolveFilename = internals._resolveFilename;
  internals._resolveFilename = function(request, ...rest) {
    return fileNames.get(request) ?? resolveFilename.call(this, request, ...rest);
  };
}

// src/schema/describe-value.ts
function describeValue(value) {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
    case "number":
    case "boolean":
    case "bigint":
      return `the ${typeof value} ${String(value)}`;
    case "function":
      return "a function";
    case "undefined":
      return "undefined";
    case "symbol":
      return "a symbol";
  }
  if (Array.isArray(value)) return `an array (${value.length} item${value.length === 1 ? "" : "s"})`;
  const standard = value["~standard"];
  if (standard && typeof standard === "object") {
    return `a ${String(standard.vendor)} schema (Standard Schema); only zod is converted, pass its JSON Schema instead`;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return `an instance of ${proto.constructor?.name || "a class"}`;
  const keys = Object.keys(value);
  return keys.length ? `an object with keys ${keys.slice(0, 5).join(", ")}${keys.length > 5 ? ", ..." : ""}` : "an empty object";
}

// src/config/check-config.ts
var KNOWN_KEYS = /* @__PURE__ */ new Set(["plugins", "adapters", "redis", "compat", "app", "streamAuth"]);
var ADAPTER_KEYS = /* @__PURE__ */ new Set(["state", "streams", "events", "cron"]);
var UNDECLARED_EMITS = ["error", "warn"];
var isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
var expect = (ok2, what) => (value) => ok2(value) ? void 0 : `should be ${what}, got ${describeValue(value)}`;
var REDIS = {
  useMemoryServer: expect((v) => typeof v === "boolean", "true or false"),
  host: expect((v) => typeof v === "string" && v !== "", "a host name"),
  port: expect((v) => Number.isInteger(v) && v > 0 && v < 65536, "a port number (1-65535)"),
  password: expect((v) => typeof v === "string", "a string"),
  username: expect((v) => typeof v === "string", "a string"),
  db: expect((v) => Number.isInteger(v) && v >= 0, "a database number (0 or more)")
};
function checkConfig(value, fileName) {
  if (!isObject(value)) {
    throw new MotiaError("E_BAD_OPTION", `${fileName}: its default export should be the config object (\`export default config({ ... })\`), got ${describeValue(value)}`, {
      retryable: false
    });
  }
  const problems = [];
  const at = (key, problem) => {
    if (problem) problems.push(`\`${key}\` ${problem}`);
  };
  const { plugins, adapters, redis, compat } = value;
  if (plugins !== void 0) {
    if (!Array.isArray(plugins)) at("plugins", `should be an array of plugin functions, got ${describeValue(plugins)}`);
    else for (const [index, plugin] of plugins.entries()) at(`plugins[${index}]`, expect((v) => typeof v === "function", "a plugin function `(motia) => ({ ... })`")(plugin));
  }
  if (adapters !== void 0) {
    if (!isObject(adapters)) at("adapters", `should be an object { state?, streams?, events?, cron? }, got ${describeValue(adapters)}`);
    else {
      for (const [key, adapter] of Object.entries(adapters)) {
        if (!ADAPTER_KEYS.has(key)) at(`adapters.${key}`, `is not an adapter motia knows (state, streams, events, cron)`);
        else at(`adapters.${key}`, expect((v) => v === void 0 || isObject(v), "an adapter object")(adapter));
      }
    }
  }
  if (redis !== void 0) {
    if (!isObject(redis)) at("redis", `should be an object { host, port, ... }, got ${describeValue(redis)}`);
    else {
      for (const [key, field] of Object.entries(redis)) {
        const check = REDIS[key];
        if (!check) at(`redis.${key}`, `is not a Redis option (${Object.keys(REDIS).join(", ")})`);
        else if (field !== void 0) at(`redis.${key}`, check(field));
      }
    }
  }
  if (compat !== void 0) {
    if (!isObject(compat)) at("compat", `should be an object { undeclaredEmits? }, got ${describeValue(compat)}`);
    else {
      for (const [key, field] of Object.entries(compat)) {
        if (key !== "undeclaredEmits") at(`compat.${key}`, "is not a compat switch (undeclaredEmits)");
        else if (field !== void 0) at("compat.undeclaredEmits", expect((v) => UNDECLARED_EMITS.includes(v), '"error" or "warn"')(field));
      }
    }
  }
  if (problems.length > 0) {
    throw new MotiaError("E_BAD_OPTION", `${fileName}:${problems.length === 1 ? ` ${problems[0]}` : `
  ${problems.join("\n  ")}`}`, { retryable: false });
  }
  return { config: value, unknownKeys: Object.keys(value).filter((key) => !KNOWN_KEYS.has(key)) };
}

// src/config/load-config.ts
var CONFIG_FILES = ["motia.config.ts", "motia.config.js", "motia.config.mts", "motia.config.mjs", "motia.config.cts", "motia.config.cjs"];
async function loadProjectConfig(root) {
  const fileName = CONFIG_FILES.find((name) => existsSync(join3(root, name)));
  if (fileName === void 0) return void 0;
  registerModuleAliases();
  const filePath = join3(root, fileName);
  let exported;
  try {
    exported = await loadModule(filePath);
  } catch (error) {
    const { message, line } = describeImportError(error, filePath);
    throw new MotiaError("E_BAD_OPTION", `${fileName}${line === void 0 ? "" : `:${line}`}: could not be loaded: ${message}`, { retryable: false });
  }
  return { ...checkConfig(exported, fileName), fileName };
}
async function loadModule(filePath) {
  if (!/\.m[jt]s$/.test(filePath)) {
    const { require: tsxRequire } = await import("tsx/cjs/api");
    try {
      return defaultExport(tsxRequire(filePath, pathToFileURL3(filePath).href));
    } catch (error) {
      if (!needsEsm(error)) throw error;
    }
  }
  return defaultExport(await import(pathToFileURL3(filePath).href));
}
function needsEsm(error) {
  const { code, message } = error ?? {};
  return code === "ERR_REQUIRE_ASYNC_MODULE" || code === "ERR_REQUIRE_ESM" || /top-level await/i.test(String(message));
}
function defaultExport(module) {
  if (module !== null && typeof module === "object" && "default" in module) return module.default;
  return module;
}

// src/config/plugins.ts
import { join as join5 } from "node:path";

// src/config/plugin-steps.ts
import { existsSync as existsSync2, readdirSync, statSync } from "node:fs";
import { isAbsolute, join as join4, resolve, sep } from "node:path";
var STEP_FILE = /(?:[._]step\.(?:[cm]?ts|[cm]?js)|_step\.py)$/;
var SKIPPED_DIRS = /* @__PURE__ */ new Set(["node_modules", "__pycache__", "python_modules"]);
function pluginStepFiles(entries, base) {
  const files = [];
  const missing = [];
  for (const entry of entries) {
    const path2 = isAbsolute(entry) ? entry : resolve(base, entry);
    if (/[*?]/.test(path2)) {
      const found = matchGlob(path2);
      if (found.length === 0) missing.push(entry);
      files.push(...found);
    } else if (!existsSync2(path2)) missing.push(entry);
    else if (statSync(path2).isDirectory()) files.push(...walk(path2).filter((file) => STEP_FILE.test(file)));
    else files.push(path2);
  }
  return { files: [...new Set(files)].sort(), missing };
}
function matchGlob(pattern) {
  const parts = pattern.split(sep);
  const firstWild = parts.findIndex((part) => /[*?]/.test(part));
  const root = parts.slice(0, firstWild).join(sep) || sep;
  if (!existsSync2(root)) return [];
  const regex = globToRegExp(pattern);
  return walk(root).filter((file) => regex.test(file));
}
function globToRegExp(pattern) {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === "*" && pattern[i + 1] === "*") {
      source += pattern[i + 2] === "/" ? "(?:.*/)?" : ".*";
      i += pattern[i + 2] === "/" ? 2 : 1;
    } else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}
function walk(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path2 = join4(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith(".") && !SKIPPED_DIRS.has(entry.name)) found.push(...walk(path2));
    } else found.push(path2);
  }
  return found;
}

// src/config/plugins.ts
async function loadPlugins(config, host) {
  const registered2 = [];
  const onShutdown = [];
  const stepFiles = [];
  for (const [index, builder] of (config.plugins ?? []).entries()) {
    const name = builder.name ? `plugin:${builder.name}` : `plugin:${index}`;
    const logger = host.loggerFor(name);
    let plugin;
    try {
      plugin = await builder({
        registerApi: (api, handler) => registered2.push({ name, api: checkApi(api, handler, name, host.fileName), handler }),
        state: host.state,
        logger,
        printer: logger
      });
    } catch (error) {
      if (error instanceof MotiaError) throw error;
      const { message, line } = describeImportError(error, join5(host.root, host.fileName));
      const at = line === void 0 ? host.fileName : `${host.fileName}:${line}`;
      throw new MotiaError("E_BAD_OPTION", `${at}: ${name} failed while it was set up: ${message}`, { retryable: false, cause: error });
    }
    if (plugin === null || typeof plugin !== "object") {
      throw new MotiaError("E_BAD_OPTION", `${host.fileName}: ${name} should return an object ({ workbench?, steps?, dirname?, onShutdown? }), got ${String(plugin)}`, {
        retryable: false
      });
    }
    if (plugin.steps?.length) {
      const { files, missing } = pluginStepFiles(plugin.steps, plugin.dirname ?? host.root);
      if (missing.length > 0) logger.warn(`Plugin steps not found (nothing loaded from them): ${missing.join(", ")}`);
      stepFiles.push(...files);
    }
    if (typeof plugin.onShutdown === "function") onShutdown.push({ name, run: plugin.onShutdown });
  }
  return {
    stepFiles,
    routes: (context) => registered2.map(({ name, api, handler }) => pluginRoute(name, api, handler, context, host.newTraceId)),
    async shutdown() {
      for (const { name, run: run2 } of onShutdown) {
        try {
          await run2();
        } catch (error) {
          host.loggerFor(name).error(`onShutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
  };
}
function pluginRoute(name, api, handler, context, newTraceId2) {
  return {
    method: api.method ?? "GET",
    path: api.path,
    handle: (request) => handler(request, context(newTraceId2(), name))
  };
}
function checkApi(api, handler, name, fileName) {
  const path2 = api?.path;
  if (typeof path2 !== "string" || !path2.startsWith("/") || typeof handler !== "function") {
    throw new MotiaError("E_BAD_OPTION", `${fileName}: ${name} called registerApi without a path starting with "/" and a handler function`, { retryable: false });
  }
  return api;
}
function lateState(get) {
  const state = () => {
    const current = get();
    if (!current) throw new MotiaError("E_BAD_OPTION", "A plugin used state before the app started: use it in route handlers, not while the plugin is built", { retryable: false });
    return current;
  };
  return {
    get: (groupId, key) => state().get(groupId, key),
    set: (groupId, key, value) => state().set(groupId, key, value),
    delete: (groupId, key) => state().delete(groupId, key),
    getGroup: (groupId) => state().getGroup(groupId),
    clear: (groupId) => state().clear(groupId)
  };
}

// src/http/admin-access.ts
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// src/http/loopback.ts
var IPV4_LOOPBACK = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
function isLoopbackHost(host) {
  let name = host.toLowerCase();
  if (name.startsWith("[") && name.endsWith("]")) name = name.slice(1, -1);
  if (name.endsWith(".")) name = name.slice(0, -1);
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  if (name === "::1" || name === "0:0:0:0:0:0:0:1") return true;
  if (name.startsWith("::ffff:")) name = name.slice("::ffff:".length);
  const octets = IPV4_LOOPBACK.exec(name);
  return octets?.slice(1).every((octet) => Number(octet) <= 255) === true;
}
function hostOfHeader(header) {
  if (header.startsWith("[")) {
    const end = header.indexOf("]");
    return end === -1 ? header : header.slice(0, end + 1);
  }
  const colon = header.indexOf(":");
  return colon === -1 ? header : header.slice(0, colon);
}

// src/http/admin-access.ts
var BEARER = /^\s*bearer\s+(\S+)\s*$/i;
function adminGuard(access) {
  const token = access.token || void 0;
  if (!access.open && token === void 0) return (method, path2) => ({ status: 404, body: { error: "Not Found", method, path: path2 } });
  const expected = token === void 0 ? void 0 : digest(token);
  return (_method, _path, headers) => {
    const origin = headers.origin;
    if (origin !== void 0 && !isOwnOrigin(origin, headers.host)) return crossOrigin(origin);
    if (expected === void 0) {
      const host = headers.host;
      return host === void 0 || isLoopbackHost(hostOfHeader(host)) ? void 0 : misdirected(host);
    }
    const match = headers.authorization === void 0 ? null : BEARER.exec(headers.authorization);
    if (match !== null && timingSafeEqual(digest(match[1]), expected)) return void 0;
    return { status: 401, body: { error: "Unauthorized" }, headers: { "www-authenticate": "Bearer" } };
  };
}
function adminAccessFor(dev, host, token) {
  if (token) return { open: false, token };
  if (!dev) return { open: false };
  if (isLoopbackHost(host)) return { open: true };
  const generated = randomBytes(24).toString("base64url");
  return { open: false, token: generated, generated };
}
function generatedTokenNotice(host, token) {
  return `Admin endpoints (/__motia/*) need a token, because ${host} is not a loopback address. Send \`Authorization: Bearer ${token}\`; for motia emit and motia dlq, set MOTIA_ADMIN_TOKEN=${token}. Set MOTIA_ADMIN_TOKEN before starting to choose the token yourself.`;
}
function isOwnOrigin(origin, host) {
  if (host === void 0) return false;
  const own = host.toLowerCase();
  const claimed = origin.toLowerCase();
  return claimed === `http://${own}` || own.endsWith(":80") && claimed === `http://${own.slice(0, -3)}`;
}
function crossOrigin(origin) {
  const message = `The admin endpoints refuse cross-origin requests (Origin: ${origin}), so that no web page can read or change the app. Call them from the motia CLI or curl, which send no Origin.`;
  return { status: 403, body: { error: "Forbidden", message } };
}
function misdirected(host) {
  const port = host.slice(hostOfHeader(host).length);
  const message = `The admin endpoints answer only requests addressed to localhost or a loopback address, not to "${host}". Use http://127.0.0.1${port}, or set MOTIA_ADMIN_TOKEN to reach them under another name.`;
  return { status: 421, body: { error: "Misdirected Request", message } };
}
function digest(text) {
  return createHash("sha256").update(text).digest();
}

// src/http/server.ts
import { createServer } from "node:http";

// src/http/admin.ts
var EMIT_SHAPE = 'Send a JSON body `{"topic": string, "data": any, "messageGroupId"?: string}` with `Content-Type: application/json`.';
var ok = (body) => ({ status: 200, body });
var notFound = (id) => ({ status: 404, body: { error: "Dead letter not found", id } });
function adminRoutes(api) {
  const health = { method: "GET", path: "/__motia/health", handle: async () => ok({ status: "ok" }) };
  if (api === void 0) return [health];
  return [
    health,
    { method: "GET", path: "/__motia/flows", handle: async () => ok(api.flows()) },
    { method: "POST", path: "/__motia/emit", handle: (request) => emit(api, request) },
    { method: "GET", path: "/__motia/dlq", handle: async () => ok(await api.listDeadLetters()) },
    {
      method: "POST",
      path: "/__motia/dlq/replay-all",
      handle: async () => ok({ success: true, replayed: await api.replayAllDeadLetters() })
    },
    {
      method: "POST",
      path: "/__motia/dlq/:id/replay",
      handle: async ({ pathParams: { id } }) => await api.replayDeadLetter(id) ? ok({ success: true, id }) : notFound(id)
    },
    {
      method: "DELETE",
      path: "/__motia/dlq/:id",
      handle: async ({ pathParams: { id } }) => await api.discardDeadLetter(id) ? ok({ success: true, id }) : notFound(id)
    },
    { method: "GET", path: "/__motia/state", handle: async () => ok(await api.stateGroups()) },
    {
      method: "GET",
      path: "/__motia/state/:groupId",
      handle: async ({ pathParams: { groupId } }) => ok(await api.stateEntries(groupId))
    }
  ];
}
async function emit(api, request) {
  const body = emitBody(request.body);
  if (body === void 0) return { status: 400, body: { error: `Invalid emit request. ${EMIT_SHAPE}` } };
  const { topic: topic2, data, messageGroupId } = body;
  try {
    await api.emit(messageGroupId === void 0 ? { topic: topic2, data } : { topic: topic2, data, messageGroupId });
  } catch (error) {
    const status = error instanceof MotiaError ? refusalStatus(error) : void 0;
    if (status === void 0) throw error;
    const { message, code } = error;
    return { status, body: { error: message, code } };
  }
  return ok({ success: true, emitted: { topic: topic2, data } });
}
function refusalStatus(error) {
  if (error.code === "E_STORAGE_FULL" || error.code === "E_STORAGE_FAILED") return void 0;
  if (error.code === "E_NOT_SUBSCRIBED") return 422;
  if (error.code === "E_SHUTTING_DOWN") return 503;
  return 400;
}
function emitBody(body) {
  if (!isRecord(body) || typeof body.topic !== "string" || body.topic.length === 0) return void 0;
  if (body.messageGroupId !== void 0 && typeof body.messageGroupId !== "string") return void 0;
  return { topic: body.topic, data: body.data, messageGroupId: body.messageGroupId };
}
function isRecord(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

// src/http/listen-error.ts
function listenError(error, host, port) {
  if (error.code === "EADDRINUSE") {
    return new MotiaError("E_PORT_IN_USE", `Port ${port} on ${host} is already in use: stop the other server or choose another port (--port or PORT).`, {
      cause: error,
      retryable: false
    });
  }
  if (error.code === "EACCES") {
    return new MotiaError("E_BAD_OPTION", `Not allowed to listen on ${host}:${port}: choose a port above 1023.`, {
      cause: error,
      retryable: false
    });
  }
  if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND") {
    return new MotiaError("E_BAD_OPTION", `Cannot listen on host "${host}": it is not an address of this machine.`, {
      cause: error,
      retryable: false
    });
  }
  return error;
}

// src/http/options.ts
function describe2(value) {
  const type = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  let text;
  try {
    text = typeof value === "function" ? "[function]" : typeof value === "number" ? String(value) : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return `\`${text}\` (${type})`;
}
function badOption2(name, expected, value) {
  return new MotiaError("E_BAD_OPTION", `Expected the \`${name}\` option to be ${expected}, got ${describe2(value)}`, {
    retryable: false
  });
}
function checkOptions(options) {
  if (options === null || typeof options !== "object") throw badOption2("options", "an object", options);
  const { host, port, bodyLimit = DEFAULT_BODY_LIMIT, adminAccess, log } = options;
  if (typeof host !== "string" || host.length === 0) throw badOption2("host", "a non-empty string", host);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw badOption2("port", "an integer from 0 to 65535", port);
  if (!Number.isSafeInteger(bodyLimit) || bodyLimit <= 0) throw badOption2("bodyLimit", "a positive integer (bytes)", bodyLimit);
  if (adminAccess === null || typeof adminAccess !== "object" || typeof adminAccess.open !== "boolean") {
    throw badOption2("adminAccess", "an object `{ open: boolean, token?: string }`", adminAccess);
  }
  if (adminAccess.token !== void 0 && typeof adminAccess.token !== "string") {
    throw badOption2("adminAccess.token", "a string", adminAccess.token);
  }
  if (typeof log !== "function") throw badOption2("log", "a function", log);
  checkRoutes("routes", options.routes);
  if (options.pluginRoutes !== void 0) checkRoutes("pluginRoutes", options.pluginRoutes);
  return { ...options, bodyLimit };
}
function checkRoutes(name, routes) {
  if (!Array.isArray(routes)) throw badOption2(name, "an array of routes", routes);
  routes.forEach((route, index) => {
    const at = `${name}[${index}]`;
    if (route === null || typeof route !== "object") throw badOption2(at, "a route `{ method, path, handle }`", route);
    if (!HTTP_METHODS.includes(route.method)) {
      throw badOption2(`${at}.method`, `one of ${HTTP_METHODS.join(", ")}`, route.method);
    }
    if (typeof route.path !== "string" || !route.path.startsWith("/")) {
      throw badOption2(`${at}.path`, 'a string starting with "/"', route.path);
    }
    if (typeof route.handle !== "function") throw badOption2(`${at}.handle`, "a function", route.handle);
  });
}

// src/http/parse-body.ts
import { parse as parseForm } from "node:querystring";

// src/http/safe-json.ts
var JsonBodyError = class extends Error {
  path;
  constructor(message, path2) {
    super(message);
    this.name = "JsonBodyError";
    this.path = path2;
  }
};
function parseJsonSafely(text, maxDepth = MAX_JSON_DEPTH) {
  const value = JSON.parse(text);
  if (value !== null && typeof value === "object") inspect(value, maxDepth);
  else if (typeof value === "number" && !Number.isFinite(value)) throw notFinite(value, "");
  return value;
}
var PROTO = "__proto__";
function dropProtoKey(record) {
  if (Object.hasOwn(record, PROTO)) delete record[PROTO];
  return record;
}
function inspect(root, maxDepth) {
  const nodes = [root];
  const depths = [1];
  for (let node = nodes.pop(); node !== void 0; node = nodes.pop()) {
    const depth = depths.pop();
    if (depth > maxDepth) throw tooDeep(root, maxDepth);
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const child = node[i];
        if (typeof child === "object" && child !== null) {
          nodes.push(child);
          depths.push(depth + 1);
        } else if (typeof child === "number" && !Number.isFinite(child)) {
          throw notFinite(child, pathTo(root, child));
        }
      }
      continue;
    }
    for (const key of Object.keys(node)) {
      const child = node[key];
      if (typeof child === "object" && child !== null) {
        if (key === "__proto__" || key === "constructor" && Object.hasOwn(child, "prototype")) {
          delete node[key];
        } else {
          nodes.push(child);
          depths.push(depth + 1);
        }
      } else if (key === "__proto__") {
        delete node[key];
      } else if (typeof child === "number" && !Number.isFinite(child)) {
        throw notFinite(child, pathTo(root, child));
      }
    }
  }
}
function notFinite(value, path2) {
  const where = path2 === "" ? "The JSON body is a number" : `The number at \`${path2}\``;
  return new JsonBodyError(
    `${where} that does not fit a 64-bit float (it parses to ${value}): send numbers between -1.7e308 and 1.7e308, or send this one as a string.`,
    path2
  );
}
function tooDeep(root, maxDepth) {
  const path2 = findPath(root, (child, depth) => depth > maxDepth && child !== null && typeof child === "object");
  return new JsonBodyError(`The JSON body nests arrays and objects deeper than ${maxDepth} levels: send a flatter body.`, path2);
}
function pathTo(root, target) {
  return findPath(root, (child) => Object.is(child, target));
}
function findPath(root, found) {
  const pending = [[root, "", 1]];
  for (let item = pending.pop(); item !== void 0; item = pending.pop()) {
    const [node, path2, depth] = item;
    for (const [key, child] of Object.entries(node)) {
      const childPath = `${path2}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;
      if (found(child, depth + 1)) return childPath;
      if (child !== null && typeof child === "object") pending.push([child, childPath, depth + 1]);
    }
  }
  return "";
}

// src/http/parse-body.ts
function parseBody(contentType, raw) {
  if (raw.length === 0) return void 0;
  if (contentType === void 0) return raw;
  if (contentType === "application/json") return parseJsonSafely(raw);
  const type = mediaType(contentType);
  if (type === "application/json" || type.endsWith("+json")) return parseJsonSafely(raw);
  if (type === "application/x-www-form-urlencoded") return dropProtoKey(parseForm(raw));
  return raw;
}
function mediaType(contentType) {
  const semicolon = contentType.indexOf(";");
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

// src/http/read-body.ts
var TOO_LARGE = /* @__PURE__ */ Symbol("body too large");
function hasBody(req) {
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] !== void 0 || length !== void 0 && length !== "0";
}
function readBody(req, limit) {
  if (Number(req.headers["content-length"]) > limit) return Promise.resolve(TOO_LARGE);
  return new Promise((resolve5, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
      } else {
        chunks.length = 0;
        resolve5(TOO_LARGE);
      }
    });
    req.on("end", () => {
      if (size <= limit) resolve5(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    });
    req.on("close", () => {
      if (!req.complete) reject(new Error("The client closed the connection before the request body ended"));
    });
  });
}

// src/http/response-problem.ts
function responseProblem(response) {
  if (response === null || typeof response !== "object") {
    return "returned no response: expected an object `{ status, body, headers? }`";
  }
  const { status, headers } = response;
  if (typeof status !== "number") return "returned a response without a numeric `status`";
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    return `returned status ${status}: expected an integer HTTP status from 200 to 599`;
  }
  if (headers !== void 0 && (headers === null || typeof headers !== "object")) {
    return "returned `headers` that is not an object";
  }
  return void 0;
}
function preview(value) {
  try {
    return (JSON.stringify(value) ?? String(value)).slice(0, 200);
  } catch {
    return String(value).slice(0, 200);
  }
}

// src/http/router.ts
import FindMyWay from "find-my-way";
var noop = () => void 0;
function isAdminPath(path2) {
  const lower = path2.toLowerCase();
  return lower === "/__motia" || lower.startsWith("/__motia/");
}
function buildRouter(routes, appRoutes = []) {
  const router = FindMyWay({ ignoreTrailingSlash: true, caseSensitive: false, maxParamLength: 65536 });
  const entries = [...routes.map((route) => ({ route, admin: isAdminPath(route.path) })), ...appRoutes.map((route) => ({ route, admin: false }))];
  for (const entry of entries) {
    const { route } = entry;
    try {
      router.on(route.method, route.path, noop, entry);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const duplicate = /already declared/.test(message);
      throw new MotiaError(
        "E_BAD_OPTION",
        duplicate ? `Two routes answer ${route.method} ${route.path}: give each API step its own method and path.` : `Cannot serve ${route.method} ${route.path}: ${message}. Fix the step's \`path\`.`,
        { cause: error, retryable: false }
      );
    }
  }
  return router.compile();
}
function findRoute(router, method, url) {
  let found = router.find(method, url);
  if (found === null && method === "HEAD") found = router.find("GET", url);
  if (found === null) return null;
  return {
    entry: found.store,
    params: found.params,
    query: dropProtoKey(found.searchParams)
  };
}
function allowedMethods(router, url) {
  const served = new Set(HTTP_METHODS.filter((method) => router.find(method, url) !== null));
  if (served.size === 0) return [];
  if (served.has("GET")) served.add("HEAD");
  served.add("OPTIONS");
  return HTTP_METHODS.filter((method) => served.has(method));
}
function decodedPathOf(url) {
  const path2 = pathOf(url);
  if (!path2.includes("%")) return path2;
  try {
    return decodeURIComponent(path2);
  } catch {
    return path2;
  }
}
function pathOf(url) {
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}

// src/http/failure-response.ts
var STORAGE_RETRY_AFTER_SECONDS = 5;
var ANSWERS = {
  E_STORAGE_FULL: { status: 507, error: "Insufficient Storage" },
  E_STORAGE_FAILED: { status: 503, error: "Service Unavailable", headers: { "retry-after": String(STORAGE_RETRY_AFTER_SECONDS) } },
  E_HANDLER_TIMEOUT: { status: 504, error: "Gateway Timeout" }
};
function failureResponse(error) {
  const found = knownCause(error);
  if (found === void 0) return void 0;
  const { status, error: title, headers } = ANSWERS[found.code];
  const response = { status, body: { error: title, message: found.message, code: found.code } };
  if (headers) response.headers = headers;
  return response;
}
function knownCause(error) {
  let current = error;
  for (let link = 0; link < 8 && current !== null && typeof current === "object"; link++) {
    const { code, message, cause } = current;
    if (typeof code === "string" && Object.hasOwn(ANSWERS, code)) return { code, message: String(message) };
    current = cause;
  }
  return void 0;
}

// src/http/write-response.ts
import { STATUS_CODES } from "node:http";
import { pipeline, Readable } from "node:stream";

// src/http/cors.ts
var CORS_HEADERS = Object.freeze({
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "*",
  "access-control-allow-headers": "*",
  "access-control-max-age": "600",
  "access-control-allow-credentials": "true",
  "access-control-allow-private-network": "true"
});

// src/http/write-response.ts
var TEXT = "text/plain; charset=utf-8";
var BINARY = "application/octet-stream";
var JSON_TYPE = "application/json; charset=utf-8";
function writeResponse(res, status, body, headers, options) {
  const out = options.cors ? { ...CORS_HEADERS } : {};
  let payload;
  let stream;
  const bodyless = status === 204 || status === 304;
  if (!bodyless && body !== void 0) {
    if (typeof body === "string") {
      payload = body;
      out["content-type"] = TEXT;
    } else if (body instanceof Uint8Array || body instanceof ArrayBuffer || ArrayBuffer.isView(body)) {
      payload = bytesOf(body);
      out["content-type"] = BINARY;
    } else if (stream = streamOf(body)) {
      out["content-type"] = BINARY;
    } else {
      payload = JSON.stringify(body);
      if (payload !== void 0) out["content-type"] = JSON_TYPE;
    }
  }
  if (headers !== void 0) {
    for (const name in headers) {
      const value = headers[name];
      if (value !== void 0 && value !== null) out[name.toLowerCase()] = value;
    }
  }
  if (stream) {
    res.writeHead(status, reasonOf(status), out);
    if (res.req?.method === "HEAD") {
      stream.destroy();
      res.end();
    } else {
      pipeline(stream, res, (error) => error && options.onStreamError?.(error));
    }
    return;
  }
  if (bodyless) streamOf(body)?.destroy();
  if (!bodyless) out["content-length"] = payload === void 0 ? 0 : typeof payload === "string" ? Buffer.byteLength(payload) : payload.byteLength;
  res.writeHead(status, reasonOf(status), out);
  res.end(payload);
}
function reasonOf(status) {
  return STATUS_CODES[status] ?? "unknown";
}
function bytesOf(body) {
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
}
function streamOf(body) {
  if (body instanceof Readable) return body;
  if (typeof ReadableStream !== "undefined" && body instanceof ReadableStream) return Readable.fromWeb(body);
  return void 0;
}

// src/http/server.ts
var INTERNAL_ERROR = { error: "Internal server error" };
var CLOSE = { connection: "close" };
var ADMIN_JSON_ONLY = "The admin endpoints read JSON bodies only: send this one with `Content-Type: application/json` (with curl: -H 'content-type: application/json').";
var BAD_HEADER_CODES = /* @__PURE__ */ new Set(["ERR_INVALID_CHAR", "ERR_INVALID_HTTP_TOKEN", "ERR_HTTP_INVALID_HEADER_VALUE"]);
var HttpServer = class {
  bodyLimit;
  log;
  host;
  port;
  router;
  guard;
  server;
  bound;
  closing;
  constructor(options) {
    const checked = checkOptions(options);
    this.bodyLimit = checked.bodyLimit;
    this.log = checked.log;
    this.host = checked.host;
    this.port = checked.port;
    this.router = buildRouter([...checked.routes, ...adminRoutes(checked.admin)], checked.pluginRoutes);
    this.guard = adminGuard(checked.adminAccess);
  }
  /** Where the server listens, once started. */
  get address() {
    return this.bound;
  }
  async start() {
    if (this.server) throw new Error("HttpServer.start() was called twice: create a new HttpServer instead");
    const server = createServer((req, res) => this.onRequest(req, res));
    server.on("checkContinue", (req, res) => this.onCheckContinue(req, res));
    this.server = server;
    await new Promise((resolve5, reject) => {
      server.once("error", reject);
      server.listen(this.port, this.host, () => {
        server.off("error", reject);
        resolve5();
      });
    }).catch((error) => {
      this.server = void 0;
      throw listenError(error, this.host, this.port);
    });
    server.on("error", (error) => this.log("error", `HTTP server error: ${error.message}`, { error: error.message }));
    const address = server.address();
    this.bound = { host: this.host, port: address.port };
    return this.bound;
  }
  /**
   * Stops accepting connections, lets in-flight requests finish for up to `graceMs`, then destroys
   * the sockets still open. Safe to call twice.
   */
  close(graceMs = DEFAULT_GRACE_MS) {
    const server = this.server;
    if (!server) return Promise.resolve();
    this.closing ??= new Promise((resolve5) => {
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      server.close(() => {
        clearTimeout(timer);
        resolve5();
      });
      server.closeIdleConnections();
    });
    return this.closing;
  }
  onRequest(req, res) {
    this.serve(req, res).catch((error) => this.fail(req, res, error));
  }
  // `Expect: 100-continue` (RFC 9110 §10.1.1): a declared body over the limit gets its 413 before the
  // client sends it, instead of after a 100 Continue that invites the whole upload.
  onCheckContinue(req, res) {
    if (Number(req.headers["content-length"]) > this.bodyLimit) return this.tooLarge(res, isAdminPath(decodedPathOf(req.url ?? "")));
    res.writeContinue();
    this.onRequest(req, res);
  }
  async serve(req, res) {
    const method = req.method;
    const url = req.url;
    const match = findRoute(this.router, method, url);
    if (match === null) return this.serveUnrouted(req, res, method, url);
    const { route, admin } = match.entry;
    if (admin) {
      const refusal = this.guard(method, pathOf(url), req.headers);
      if (refusal !== void 0) return this.send(res, refusal, true);
    }
    let rawBody = "";
    let body;
    if (hasBody(req)) {
      const encoding = req.headers["content-encoding"]?.trim();
      if (encoding && encoding.toLowerCase() !== "identity") {
        const message = `Request bodies are read uncompressed; send this one without \`Content-Encoding: ${encoding}\`.`;
        return this.send(res, { status: 415, body: { error: "Unsupported Content-Encoding", message }, headers: CLOSE }, admin);
      }
      if (admin && mediaType(req.headers["content-type"] ?? "") !== "application/json") {
        return this.send(res, { status: 415, body: { error: "Unsupported Media Type", message: ADMIN_JSON_ONLY }, headers: CLOSE }, true);
      }
      let raw;
      try {
        raw = await readBody(req, this.bodyLimit);
      } catch (error) {
        this.log("debug", `${method} ${pathOf(url)}: ${error.message}`);
        return;
      }
      if (raw === TOO_LARGE) return this.tooLarge(res, admin);
      rawBody = raw.toString();
      try {
        body = parseBody(req.headers["content-type"], rawBody);
      } catch (error) {
        const { message } = error;
        const refused = error instanceof JsonBodyError ? { error: "Invalid JSON body", message, path: error.path } : { error: "Invalid JSON body", message };
        return this.send(res, { status: 400, body: refused }, admin);
      }
    }
    const request = { pathParams: match.params, queryParams: match.query, body, headers: req.headers, rawBody };
    let response;
    try {
      response = await route.handle(request);
    } catch (error) {
      const { message, stack } = error instanceof Error ? error : { message: String(error), stack: void 0 };
      this.log("error", `${method} ${route.path} failed: ${message}`, { method, path: route.path, error: message, stack });
      return this.send(res, failureResponse(error) ?? { status: 500, body: INTERNAL_ERROR }, admin);
    }
    const problem = responseProblem(response);
    if (problem !== void 0) {
      this.log("error", `${method} ${route.path} ${problem}`, { method, path: route.path, returned: preview(response) });
      return this.send(res, { status: 500, body: INTERNAL_ERROR }, admin);
    }
    this.send(res, response, admin);
  }
  /**
   * A request no route matched: 405 with `Allow` when the path is served with other methods, 404 when it
   * is not served at all. OPTIONS answers 204 on any path (Motia v0.x's CORS preflight answer). Admin
   * paths pass the admin guard first, and never carry CORS headers.
   */
  serveUnrouted(req, res, method, url) {
    const path2 = pathOf(url);
    const admin = isAdminPath(decodedPathOf(url));
    if (admin) {
      const refusal = this.guard(method, path2, req.headers);
      if (refusal !== void 0) return this.send(res, refusal, true);
    }
    const allowed = allowedMethods(this.router, url);
    const allow = allowed.length === 0 ? void 0 : { allow: allowed.join(", ") };
    if (method === "OPTIONS") return this.send(res, { status: 204, body: void 0, headers: allow }, admin);
    if (allow === void 0) return this.send(res, { status: 404, body: { error: "Not Found", method, path: path2 } }, admin);
    const message = `${path2} answers ${allowed.join(", ")}, not ${method}.`;
    this.send(res, { status: 405, body: { error: "Method Not Allowed", message, method, path: path2 }, headers: allow }, admin);
  }
  // With `Connection: close`: the rest of the body is never read.
  tooLarge(res, admin) {
    this.send(res, { status: 413, body: { error: "Payload too large", limit: this.bodyLimit }, headers: CLOSE }, admin);
  }
  /** `admin`: an admin response, which carries no CORS headers. */
  send(res, response, admin) {
    if (res.destroyed) return;
    if (this.closing) res.setHeader("connection", "close");
    writeResponse(res, response.status, response.body, response.headers, {
      cors: !admin,
      // A client that goes away mid-stream is routine; a source that fails is the handler's bug.
      onStreamError: (error) => {
        const level = error.code === "ERR_STREAM_PREMATURE_CLOSE" ? "debug" : "error";
        this.log(level, `${res.req.method} ${pathOf(res.req.url ?? "")}: the response body stream failed: ${error.message}`, { error: error.message });
      }
    });
  }
  // Last resort: the response could not be written (e.g. a header value with a newline).
  fail(req, res, error) {
    const { message, stack } = error instanceof Error ? error : { message: String(error), stack: void 0 };
    const badHeader = BAD_HEADER_CODES.has(error?.code ?? "");
    const why = badHeader ? `${message}: header names and values may not contain line breaks or other control characters` : message;
    this.log("error", `${req.method} ${pathOf(req.url ?? "")}: could not send the response: ${why}`, { error: message, stack });
    if (res.headersSent || res.destroyed) {
      res.destroy();
      return;
    }
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    try {
      this.send(res, { status: 500, body: INTERNAL_ERROR }, isAdminPath(decodedPathOf(req.url ?? "")));
    } catch {
      res.destroy();
    }
  }
};

// src/logger/step-console.ts
import { AsyncLocalStorage } from "node:async_hooks";
import { format } from "node:util";
var CONSOLE_LEVELS = { log: "info", info: "info", debug: "debug", warn: "warn", error: "error" };
var owners = new AsyncLocalStorage();
var captured = false;
function withStepConsole(owner, call) {
  return owners.run(owner, call);
}
function captureConsole() {
  if (captured) return;
  captured = true;
  for (const [method, level] of Object.entries(CONSOLE_LEVELS)) {
    const name = method;
    const original = console[name];
    console[name] = function stepConsole(...args) {
      const owner = owners.getStore();
      if (owner === void 0) return original.apply(this, args);
      owner.logger[level](format(...args));
    };
  }
}

// src/languages/node/compose-middleware.ts
function composeMiddleware(middleware, handler) {
  if (middleware.length === 0) return async (req, ctx) => handler(req, ctx);
  return function runMiddleware(req, ctx) {
    let called = -1;
    const dispatch = async (index) => {
      if (index <= called) {
        const name = middleware[index - 1]?.name || `#${index}`;
        throw new MotiaError("E_HANDLER_FAILED", `API middleware ${name} called next() more than once: call it once and return its result`, { retryable: false });
      }
      called = index;
      const current = middleware[index];
      if (!current) return handler(req, ctx);
      return current(req, ctx, () => dispatch(index + 1));
    };
    return dispatch(0);
  };
}

// src/languages/node/read-module.ts
import { extname } from "node:path";

// src/schema/to-json-schema.ts
import { createRequire } from "node:module";

// src/schema/schema-shape.ts
var STRUCTURAL_KEYWORDS = /* @__PURE__ */ new Set([
  "type",
  "enum",
  "const",
  "properties",
  "required",
  "additionalProperties",
  "patternProperties",
  "propertyNames",
  "items",
  "prefixItems",
  "contains",
  "anyOf",
  "oneOf",
  "allOf",
  "not",
  "if",
  "then",
  "else",
  "definitions"
]);
var isStructural = (key) => STRUCTURAL_KEYWORDS.has(key) || key.startsWith("$");
function isPlainObject(value) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
function isJsonSchemaObject(value) {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 0 || keys.some(isStructural);
}
function isLooseSchema(value) {
  return isPlainObject(value) && !("~standard" in value) && !isJsonSchemaObject(value);
}

// src/schema/to-json-schema.ts
function toJsonSchema(input, where) {
  if (input === null || input === void 0) return null;
  if (isZod4(input)) return convert(where, () => zod4ToJsonSchema(input));
  if (isZod3(input)) {
    const { zodToJsonSchema: convertZod3 } = require2("zod-to-json-schema");
    return convert(
      where,
      () => convertZod3(input, {
        target: "jsonSchema7",
        pipeStrategy: "input",
        effectStrategy: "input",
        removeAdditionalStrategy: "strict"
      })
    );
  }
  if (isJsonSchemaObject(input)) return input;
  if (isLooseSchema(input)) return input;
  throw new MotiaError(
    "E_SCHEMA",
    `${where} is not a schema (expected a zod schema or a JSON Schema object), got ${describeValue(input)}`,
    { retryable: false }
  );
}
var require2 = createRequire(import.meta.url);
function zod4ToJsonSchema(schema2) {
  const params2 = { target: "draft-7", io: "input" };
  const own = schema2.toJSONSchema;
  if (typeof own === "function") return own.call(schema2, params2);
  return require2("zod").toJSONSchema(schema2, params2);
}
function isZod4(value) {
  const internals = value._zod;
  return typeof value === "object" && typeof internals === "object" && internals !== null && typeof internals.def === "object";
}
function isZod3(value) {
  const candidate = value;
  return typeof candidate._def === "object" && typeof candidate.safeParse === "function" && candidate._zod === void 0;
}
function convert(where, run2) {
  try {
    return run2();
  } catch (error) {
    throw new MotiaError(
      "E_SCHEMA",
      `${where} is a zod schema that JSON Schema cannot express: ${error.message}. Change that part of the schema (e.g. z.string().datetime() instead of z.date()) or pass a JSON Schema object`,
      { cause: error, retryable: false }
    );
  }
}

// src/languages/node/read-module.ts
var SIGNATURES = {
  event: "async (input, ctx) => { ... }",
  api: "async (req, ctx) => ({ status: 200, body: {} })",
  cron: "async (ctx) => { ... }"
};
function readModule(filePath, exports) {
  const fallback = exports.default ?? {};
  const config = exports.config ?? fallback.config;
  const handler = exports.handler ?? fallback.handler;
  const problem = (message) => ({ filePath, message });
  if (config === void 0) {
    return { middleware: [], problems: [problem("exports no `config`: add `export const config = { type, name, ... }`")] };
  }
  if (typeof config === "function") {
    return { middleware: [], problems: [problem("`config` must be an object, got a function: export the config object itself, not a function that returns it")] };
  }
  if (typeof config?.then === "function") {
    return {
      middleware: [],
      problems: [problem("`config` is a promise: export the config object itself (compute it with top-level `await` if it must be awaited)")]
    };
  }
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    return { middleware: [], problems: [problem(`\`config\` must be an object, got ${describeValue(config)}`)] };
  }
  const raw = config;
  const problems = [];
  const data = { ...raw };
  for (const field of ["input", "bodySchema"]) {
    if (field in raw) data[field] = convert2(raw[field], field, problems, problem);
  }
  const responses = raw.responseSchema;
  if (typeof responses === "object" && responses !== null && !Array.isArray(responses)) {
    const converted = {};
    for (const [status, schema2] of Object.entries(responses)) converted[status] = convert2(schema2, `responseSchema[${status}]`, problems, problem);
    data.responseSchema = converted;
  }
  let middleware = [];
  if ("middleware" in raw) {
    const list2 = raw.middleware;
    if (Array.isArray(list2) && list2.every((fn) => typeof fn === "function")) {
      middleware = list2;
      data.middleware = middleware.map((fn) => fn.name || "anonymous");
    } else {
      problems.push(problem(`\`middleware\` must be a list of functions \`async (req, ctx, next) => ...\`, got ${describeValue(list2)}`));
      delete data.middleware;
    }
  }
  if (raw.type !== "noop") {
    if (handler === void 0) {
      const signature = SIGNATURES[String(raw.type)] ?? "async (...) => { ... }";
      problems.push(problem(`exports no \`handler\`: add \`export const handler = ${signature}\``));
    } else if (typeof handler !== "function") {
      problems.push(problem(`\`handler\` must be a function, got ${describeValue(handler)}`));
    }
  }
  const language = /\.[cm]?ts$/.test(extname(filePath)) ? "typescript" : "javascript";
  return { definition: { filePath, language, config: data }, handler: typeof handler === "function" ? handler : void 0, middleware, problems };
}
function convert2(value, field, problems, problem) {
  try {
    return toJsonSchema(value, `\`${field}\``);
  } catch (error) {
    problems.push(problem(error.message));
    return null;
  }
}

// src/languages/node/index.ts
var NODE_STEP = /\.[cm]?[jt]s$/;
var generations = /* @__PURE__ */ new Map();
var NodeLanguage = class {
  id = "node";
  #loaded = /* @__PURE__ */ new Map();
  #importTimeoutMs;
  /** `importTimeoutMs`: longest a step module's import may take at load (default 30 s). */
  constructor(options = {}) {
    this.#importTimeoutMs = options.importTimeoutMs ?? DEFAULT_IMPORT_TIMEOUT_MS;
    captureConsole();
    registerModuleAliases();
  }
  claims(filePath) {
    return NODE_STEP.test(filePath) && !filePath.endsWith(".d.ts");
  }
  async load(files, project) {
    shareEnv(project.env);
    const steps = [];
    const problems = [];
    for (const file of files) {
      const generation = generations.get(file) ?? 0;
      generations.set(file, generation + 1);
      this.#loaded.delete(file);
      const imported = await importStep(file, generation, this.#importTimeoutMs);
      if ("problem" in imported) {
        problems.push(imported.problem);
        continue;
      }
      const read = readModule(file, imported.module);
      problems.push(...read.problems);
      if (!read.definition) continue;
      steps.push(read.definition);
      const { handler, middleware } = read;
      this.#loaded.set(file, {
        handler,
        api: handler && read.definition.config.type === "api" ? composeMiddleware(middleware, handler) : void 0
      });
    }
    return { steps, problems };
  }
  async invoke({ step, kind, input, context }) {
    const loaded = this.#loaded.get(step.filePath);
    if (!loaded?.handler) {
      throw new MotiaError("E_STEP_LOAD", `Step "${step.name}" (${step.relativePath}) has no loaded handler in the node language: load the project first`, {
        retryable: false
      });
    }
    const { handler, api } = loaded;
    return withStepConsole(context, () => {
      if (kind === "api") return (api ?? composeMiddleware([], handler))(input, context);
      if (kind === "cron") return handler(context);
      return handler(input, context);
    });
  }
  async close() {
    this.#loaded.clear();
  }
};
function shareEnv(env) {
  if (env === process.env) return;
  for (const [key, value] of Object.entries(env)) if (process.env[key] === void 0 && value !== void 0) process.env[key] = value;
}

// src/logger/logger.ts
function toFields(fields) {
  if (fields === void 0 || fields === null) return void 0;
  if (fields instanceof Error) return { error: fields };
  if (typeof fields === "object" && !Array.isArray(fields)) return fields;
  return { data: fields };
}
function messageText(message) {
  if (typeof message === "string") return message;
  if (message instanceof Error) return `${message.name}: ${message.message}`;
  try {
    return typeof message === "object" && message !== null ? JSON.stringify(message) ?? String(message) : String(message);
  } catch {
    return Object.prototype.toString.call(message);
  }
}
function createLogger(sink, bindings = {}) {
  const log = (level, message, fields) => {
    if (!sink.enabled(level)) return;
    sink.log({ time: Date.now(), level, msg: messageText(message), step: bindings.step, traceId: bindings.traceId, fields: toFields(fields) });
  };
  return {
    log,
    debug: (message, fields) => log("debug", message, fields),
    info: (message, fields) => log("info", message, fields),
    warn: (message, fields) => log("warn", message, fields),
    error: (message, fields) => log("error", message, fields)
  };
}

// src/languages/python/describe-step.ts
import path from "node:path";
function toDefinition(filePath, result) {
  const config = result?.config;
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    return { filePath, message: "the Python runner described no `config` dict for this file" };
  }
  return { filePath, language: "python", config };
}
var escapeRegExp2 = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
function splitLocation(message, filePath, root) {
  const names = [filePath, path.relative(root, filePath).split(path.sep).join("/")];
  for (const name of names) {
    const match = new RegExp(`^${escapeRegExp2(name)}(?::(\\d+))?: `).exec(message);
    if (match) return { message: message.slice(match[0].length), line: match[1] ? Number(match[1]) : void 0 };
  }
  return { message };
}
function lineFromTraceback(traceback, filePath) {
  if (!traceback) return void 0;
  const frames = [...traceback.matchAll(new RegExp(`File "${escapeRegExp2(filePath)}", line (\\d+)`, "g"))];
  const last = frames.at(-1);
  return last ? Number(last[1]) : void 0;
}
function toProblem(filePath, root, error) {
  if (!(error instanceof RemoteError)) {
    return { filePath, message: error instanceof Error ? error.message : String(error) };
  }
  const wire = error.wire;
  const text = wire.code ? wire.message : `${wire.type}: ${wire.message}`;
  const { message, line } = splitLocation(text, filePath, root);
  return { filePath, message, line: line ?? lineFromTraceback(wire.traceback, filePath) };
}

// src/languages/python/invoke-params.ts
function toInvokeParams({ step, kind, input, context }) {
  return {
    file: step.filePath,
    step: step.name,
    kind,
    // A cron handler has no input: nil, rather than a missing key.
    input: input ?? null,
    traceId: context.traceId,
    flows: context.flows ?? [],
    streams: context.streams ? Object.keys(context.streams) : []
  };
}

// src/languages/python/transport.ts
var loading;
function loadTransport() {
  loading ??= Promise.all([import("./interpreter-R4EEECNK.js"), import("./runner-pool-K6DLYMCY.js")]).then(([interpreter, pool]) => ({
    findPython: interpreter.findPython,
    RunnerPool: pool.RunnerPool
  }));
  return loading;
}
function prefetchTransport() {
  loadTransport().catch(() => void 0);
}

// src/languages/python/index.ts
var settle = (promise) => promise.then((value) => ({ status: "fulfilled", value }), (reason2) => ({ status: "rejected", reason: reason2 }));
var notStarted = (result) => result.status === "rejected" && result.reason instanceof MotiaError && result.reason.cause === NOT_STARTED;
var PythonLanguage = class {
  id = "python";
  #options;
  #pool;
  constructor(options = {}) {
    this.#options = options;
  }
  claims(filePath) {
    const claimed = /[._]step\.py$/.test(filePath);
    if (claimed) prefetchTransport();
    return claimed;
  }
  /**
   * Problems in step files are returned. An unusable interpreter (missing, too old, no msgpack)
   * is not a step file's problem: it throws one MotiaError naming the fix.
   */
  async load(files, project) {
    if (files.length === 0) return { steps: [], problems: [] };
    await this.#pool?.close();
    this.#pool = void 0;
    const root = project.root ?? this.#options.root;
    const env = project.env ?? this.#options.env ?? process.env;
    const { findPython, RunnerPool } = await loadTransport();
    const python = this.#options.python ?? (await findPython(root, env)).path;
    const pool = new RunnerPool({ root, env, python, size: this.#options.workers, onLog: this.#runnerLog() });
    this.#pool = pool;
    await pool.start();
    const steps = [];
    const problems = [];
    const importTimeoutMs = this.#options.importTimeoutMs ?? DEFAULT_IMPORT_TIMEOUT_MS;
    const results = [];
    let todo = files.map((_, i) => i);
    while (todo.length > 0) {
      const round = await Promise.all(todo.map((i) => settle(pool.describe(files[i], importTimeoutMs))));
      for (const [k, i] of todo.entries()) results[i] = round[k];
      todo = todo.filter((i) => notStarted(results[i]));
    }
    for (const [i, result] of results.entries()) {
      const file = files[i];
      if (result.status === "rejected") {
        problems.push(toProblem(file, root, result.reason));
        continue;
      }
      const read = toDefinition(file, result.value);
      if ("language" in read) steps.push(read);
      else problems.push(read);
    }
    return { steps, problems };
  }
  invoke(invocation) {
    const { step, context, signal } = invocation;
    const pool = this.#pool;
    if (pool === void 0) {
      return Promise.reject(
        new MotiaError("E_STEP_LOAD", `Step "${step.name}" cannot run: the Python steps were not loaded (call load() first).`, {
          retryable: false
        })
      );
    }
    return pool.invoke(toInvokeParams(invocation), context, signal);
  }
  async close() {
    const pool = this.#pool;
    this.#pool = void 0;
    await pool?.close(this.#options.closeGraceMs);
  }
  #runnerLog() {
    if (this.#options.onLog) return this.#options.onLog;
    const sink = this.#options.sink;
    if (sink === void 0) return () => {
    };
    const logger = createLogger(sink, { step: "python" });
    return (level, message, fields) => logger.log(level, message, fields);
  }
};

// src/logger/format.ts
function jsonReplacer(_key, value) {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  if (typeof value === "bigint") return value.toString();
  return value;
}
function cycleSafeReplacer() {
  const ancestors = [];
  return function(key, value) {
    const replaced = jsonReplacer(key, value);
    if (typeof replaced !== "object" || replaced === null) return replaced;
    while (ancestors.length > 0 && ancestors.at(-1) !== this) ancestors.pop();
    if (ancestors.includes(replaced)) return "[Circular]";
    ancestors.push(replaced);
    return replaced;
  };
}
function stringifyFields(line, fieldKeys) {
  try {
    return JSON.stringify(line, jsonReplacer);
  } catch {
    try {
      return JSON.stringify(line, cycleSafeReplacer());
    } catch (error) {
      for (const key of fieldKeys) delete line[key];
      line.fieldsError = error instanceof Error ? error.message : String(error);
      return JSON.stringify(line);
    }
  }
}
function formatJson(record) {
  const line = {
    time: new Date(record.time).toISOString(),
    level: record.level,
    step: record.step ?? null,
    traceId: record.traceId ?? null,
    msg: record.msg
  };
  return stringifyFields(line, record.fields ? copyFields(line, record.fields) : []);
}
function copyFields(line, fields) {
  const copied = [];
  try {
    for (const key in fields) {
      if (key in line) continue;
      line[key] = fields[key];
      copied.push(key);
    }
  } catch (error) {
    line.fieldsError = error instanceof Error ? error.message : String(error);
  }
  return copied;
}
var COLORS = { debug: "\x1B[90m", info: "\x1B[36m", warn: "\x1B[33m", error: "\x1B[31m" };
var RESET = "\x1B[0m";
var DIM = "\x1B[2m";
function formatPretty(record) {
  const time = new Date(record.time).toISOString().slice(11, 23);
  const level = `${COLORS[record.level]}${record.level.toUpperCase().padEnd(5)}${RESET}`;
  const step = record.step ? ` \x1B[1m${record.step}${RESET}` : "";
  const trace = record.traceId ? ` ${DIM}${record.traceId}${RESET}` : "";
  let fields = "";
  if (record.fields && Object.keys(record.fields).length > 0) {
    const copy = {};
    fields = ` ${DIM}${stringifyFields(copy, copyFields(copy, record.fields))}${RESET}`;
  }
  return `${DIM}${time}${RESET} ${level}${step}${trace} ${record.msg}${fields}`;
}

// src/logger/levels.ts
var LOG_LEVELS = ["debug", "info", "warn", "error"];
var RANK = { debug: 10, info: 20, warn: 30, error: 40 };
function levelRank(level) {
  return RANK[level];
}
function parseLogLevel(value, fallback = "info") {
  if (!value) return fallback;
  const lower = value.toLowerCase();
  if (lower === "warning") return "warn";
  if (lower === "critical") return "error";
  if (LOG_LEVELS.includes(lower)) return lower;
  throw new Error(`Expected MOTIA_LOG_LEVEL to be one of ${LOG_LEVELS.join(", ")}, got \`${value}\``);
}

// src/logger/log-output.ts
import { writeSync } from "node:fs";
function stdoutOutput() {
  void process.stdout.fd;
  return fdOutput(1);
}
function fdOutput(fd) {
  return {
    write(data) {
      try {
        return writeSync(fd, data);
      } catch (error) {
        if (error.code === "EAGAIN") return 0;
        throw error;
      }
    }
  };
}
var sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms) {
  Atomics.wait(sleeper, 0, 0, ms);
}

// src/logger/log-sink.ts
var DEFAULT_LOG_BUFFER_LIMIT = 4 * 1024 * 1024;
var DEFAULT_FLUSH_TIMEOUT_MS = 2e3;
var FIRST_RETRY_MS = 1;
var LAST_RETRY_MS = 50;
var pendingSinks = /* @__PURE__ */ new Set();
process.on("exit", () => {
  for (const sink of pendingSinks) sink.flush();
});
var LogSink = class {
  level;
  threshold;
  format;
  output;
  bufferLimit;
  lines = [];
  lineChars = 0;
  /** The chunk being written: what the reader has not taken yet. */
  unwritten;
  dropped = 0;
  scheduled = false;
  retryMs = FIRST_RETRY_MS;
  closedBy;
  constructor(options) {
    this.level = options.level;
    this.threshold = levelRank(options.level);
    this.format = options.pretty ? formatPretty : formatJson;
    this.output = options.output ?? stdoutOutput();
    this.bufferLimit = options.bufferLimit ?? DEFAULT_LOG_BUFFER_LIMIT;
  }
  enabled(level) {
    return levelRank(level) >= this.threshold;
  }
  log(record) {
    if (!this.enabled(record.level) || this.closedBy) return;
    if (this.dropped > 0) {
      this.dropped++;
      return;
    }
    const line = this.format(record);
    if (this.buffered() + line.length >= this.bufferLimit) {
      this.writeOut();
      if (this.buffered() + line.length >= this.bufferLimit) {
        this.dropped = 1;
        return;
      }
    }
    this.lines.push(line);
    this.lineChars += line.length + 1;
    this.schedule(0);
  }
  buffered() {
    return this.lineChars + (this.unwritten?.length ?? 0);
  }
  /**
   * Writes what is buffered now, waiting for a slow reader at most `timeoutMs` (then the rest is lost).
   * For exit paths, where no later tick will write it; returns whether everything was written.
   */
  flush(timeoutMs = DEFAULT_FLUSH_TIMEOUT_MS) {
    const deadline = Date.now() + timeoutMs;
    let pause = FIRST_RETRY_MS;
    while (this.writeOut() !== "done") {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      sleepSync(Math.min(pause, left));
      pause = Math.min(pause * 2, LAST_RETRY_MS);
    }
    return true;
  }
  schedule(delayMs) {
    if (this.scheduled) return;
    this.scheduled = true;
    pendingSinks.add(this);
    if (delayMs === 0) setImmediate(this.pump);
    else setTimeout(this.pump, delayMs).unref();
  }
  pump = () => {
    this.scheduled = false;
    const outcome = this.writeOut();
    if (outcome === "done") {
      this.retryMs = FIRST_RETRY_MS;
      pendingSinks.delete(this);
      return;
    }
    this.retryMs = outcome === "partial" ? FIRST_RETRY_MS : Math.min(this.retryMs * 2, LAST_RETRY_MS);
    this.schedule(this.retryMs);
  };
  /** Writes as much as the reader takes now: `done` when nothing is left, else whether it took some. */
  writeOut() {
    let progressed = false;
    for (; ; ) {
      if (this.closedBy) return "done";
      if (!this.unwritten) {
        if (this.lines.length === 0) {
          if (this.dropped === 0) return "done";
          this.lines.push(this.format(droppedNotice(this.dropped)));
          this.dropped = 0;
        }
        this.unwritten = Buffer.from(`${this.lines.join("\n")}
`);
        this.lines = [];
        this.lineChars = 0;
      }
      const written = this.tryWrite(this.unwritten);
      if (written < this.unwritten.length) {
        this.unwritten = this.unwritten.subarray(written);
        return progressed || written > 0 ? "partial" : "blocked";
      }
      this.unwritten = void 0;
      progressed = true;
    }
  }
  tryWrite(data) {
    try {
      return this.output.write(data);
    } catch (error) {
      this.closedBy = error.code ?? String(error);
      this.lines = [];
      process.stderr.write(`motia: log output closed (${this.closedBy}): log lines are no longer written
`);
      return data.length;
    }
  }
};
function droppedNotice(count) {
  const lines = count === 1 ? "line" : "lines";
  return { time: Date.now(), level: "warn", step: "motia", msg: `${count} log ${lines} dropped: the output was not read fast enough` };
}

// src/project/flows.ts
import { existsSync as existsSync3 } from "node:fs";

// src/project/topic-warnings.ts
function topicWarnings(steps) {
  const emitters = /* @__PURE__ */ new Map();
  const subscribers = /* @__PURE__ */ new Map();
  for (const step of steps) {
    if (step.type !== "noop") for (const topic2 of step.emitTopics) add(emitters, topic2, step);
    if (step.type === "event") for (const topic2 of step.config.subscribes ?? []) add(subscribers, topic2, step);
  }
  const warnings = [];
  for (const [topic2, from] of emitters) {
    if (!subscribers.has(topic2)) warnings.push(`Topic "${topic2}" is emitted by ${list(from)} but no step subscribes to it: its events are dropped`);
  }
  for (const [topic2, to] of subscribers) {
    if (!emitters.has(topic2)) warnings.push(`Topic "${topic2}" is subscribed to by ${list(to)} but no step emits it`);
  }
  return warnings;
}
function add(index, topic2, step) {
  const list2 = index.get(topic2);
  if (list2) list2.push(step);
  else index.set(topic2, [step]);
}
function list(steps) {
  return steps.map((step) => `"${step.name}" (${step.relativePath})`).join(", ");
}

// src/project/flows.ts
function buildFlows(steps) {
  const names = [...new Set(steps.flatMap((step) => step.config.flows ?? []))].sort();
  return names.map((name) => {
    const members = steps.filter((step) => step.config.flows?.includes(name));
    return { id: name, name, steps: members.map(toFlowStep), edges: edgesWithin(members) };
  });
}
function toFlowStep(step) {
  const { config } = step;
  const node = {
    id: step.name,
    name: step.name,
    type: step.type,
    description: config.description,
    subscribes: step.type === "event" ? config.subscribes : config.virtualSubscribes,
    emits: step.type === "noop" ? [] : config.emits ?? [],
    virtualEmits: config.virtualEmits,
    virtualSubscribes: config.virtualSubscribes,
    language: step.language,
    filePath: step.relativePath,
    nodeComponentPath: nodeComponent(step)
  };
  if (step.type === "api") {
    node.action = "webhook";
    node.webhookUrl = `${config.method} ${config.path}`;
    node.bodySchema = config.bodySchema ?? null;
  }
  if (step.type === "cron") node.cronExpression = config.cron;
  return node;
}
function edgesWithin(members) {
  const edges = /* @__PURE__ */ new Map();
  for (const source of members) {
    const outgoing = [
      ...(source.type === "noop" ? [] : source.config.emits ?? []).map((e) => [e, "event"]),
      ...(source.config.virtualEmits ?? []).map((e) => [e, "virtual"])
    ];
    for (const [emit3, variant] of outgoing) {
      const { topic: topic2, label, conditional } = typeof emit3 === "string" ? { topic: emit3, label: void 0, conditional: false } : emit3;
      for (const target of members) {
        if (!listensTo(target, topic2)) continue;
        const id = `${source.name}->${target.name}:${topic2}${variant === "virtual" ? ":virtual" : ""}`;
        if (edges.has(id)) continue;
        const data = { variant, topic: topic2, labelVariant: conditional ? "conditional" : "default" };
        if (label !== void 0) data.label = label;
        edges.set(id, { id, source: source.name, target: target.name, data });
      }
    }
  }
  return [...edges.values()];
}
function listensTo(step, topic2) {
  return step.type === "event" && (step.config.subscribes ?? []).includes(topic2) || (step.config.virtualSubscribes ?? []).includes(topic2);
}
function nodeComponent(step) {
  const base = step.filePath.replace(/\.[^./\\]+$/, "");
  const relBase = step.relativePath.replace(/\.[^./]+$/, "");
  for (const ext of [".tsx", ".jsx"]) if (existsSync3(base + ext)) return relBase + ext;
  return void 0;
}

// src/project/load-project.ts
import { stat } from "node:fs/promises";
import { extname as extname2, resolve as resolve2 } from "node:path";

// src/project/loose-schemas.ts
function setLooseSchemasAside(defs, root, strict) {
  const outcome = { problems: [], warnings: [] };
  for (const def of defs) {
    const config = def.config;
    if (typeof config !== "object" || config === null) continue;
    const file = relativePath(root, def.filePath);
    const loose = [];
    for (const field of ["input", "bodySchema"]) {
      if (isLooseSchema(config[field])) {
        loose.push([field, config[field]]);
        delete config[field];
      }
    }
    const responses = config.responseSchema;
    if (typeof responses === "object" && responses !== null && !Array.isArray(responses)) {
      for (const [status, schema2] of Object.entries(responses)) {
        if (!isLooseSchema(schema2)) continue;
        loose.push([`responseSchema[${status}]`, schema2]);
        delete responses[status];
      }
    }
    if (loose.length === 0) continue;
    if (strict) {
      for (const [field, schema2] of loose) {
        outcome.problems.push({
          filePath: file,
          message: `\`${field}\` is neither a zod schema nor a JSON Schema (${preview2(schema2)}): write it as zod or JSON Schema, e.g. { type: 'object', properties: { error: { type: 'string' } } }, or run without --strict to ignore it as Motia v0.x did`
        });
      }
    } else {
      const fields = loose.map(([field]) => field).join(", ");
      outcome.warnings.push(
        `${file}: ignoring ${fields} (neither zod nor JSON Schema, e.g. ${preview2(loose[0][1])}), as Motia v0.x did: nothing is validated against ${loose.length === 1 ? "it" : "them"}. Write zod or JSON Schema to validate; --strict refuses such schemas`
      );
    }
  }
  return outcome;
}
function preview2(schema2) {
  const text = JSON.stringify(schema2);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

// src/engine/load-croner.ts
import { createRequire as createRequire2 } from "node:module";
function cronClass() {
  return createRequire2(import.meta.url)("croner").Cron;
}

// src/schema/ajv-instances.ts
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { createRequire as createRequire3 } from "node:module";
var addFormats = addFormatsModule.default ?? addFormatsModule;
var require3 = createRequire3(import.meta.url);
var draft06 = require3("ajv/dist/refs/json-schema-draft-06.json");
var OPTIONS = { allErrors: true, strict: false, logger: false, addUsedSchema: false };
var instances = /* @__PURE__ */ new Map();
function ajvFor(dialect) {
  let ajv = instances.get(dialect);
  if (!ajv) {
    ajv = create(dialect);
    instances.set(dialect, ajv);
  }
  return ajv;
}
function create(dialect) {
  if (dialect === "2020-12") return addFormats(new (require3("ajv/dist/2020.js")).Ajv2020(OPTIONS));
  if (dialect === "2019-09") return addFormats(new (require3("ajv/dist/2019.js")).Ajv2019(OPTIONS));
  const ajv = addFormats(new Ajv(OPTIONS));
  ajv.addMetaSchema(draft06);
  return ajv;
}
function dialectOf(schema2) {
  const uri = schema2.$schema;
  if (typeof uri !== "string") return "draft-07";
  if (uri.includes("2020-12")) return "2020-12";
  if (uri.includes("2019-09")) return "2019-09";
  if (/draft-0[67]\b/.test(uri)) return "draft-07";
  return { unsupported: uri };
}

// src/schema/issues.ts
function toIssues(errors) {
  const formats = new Set(errors.filter((e) => e.keyword === "format").map((e) => parentOf(e.schemaPath)));
  const kept = formats.size ? errors.filter((e) => !(e.keyword === "pattern" && formats.has(parentOf(e.schemaPath)))) : errors;
  return kept.map((error) => ({ path: error.instancePath, message: describe3(error) }));
}
function parentOf(schemaPath) {
  return schemaPath.slice(0, schemaPath.lastIndexOf("/"));
}
function describe3(error) {
  const base = error.message ?? `must pass "${error.keyword}"`;
  const params2 = error.params;
  switch (error.keyword) {
    case "enum":
      return `${base}: ${params2.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
    case "const":
      return `${base}: ${JSON.stringify(params2.allowedValue)}`;
    case "additionalProperties":
      return `${base}: '${String(params2.additionalProperty)}'`;
    case "unevaluatedProperties":
      return `${base}: '${String(params2.unevaluatedProperty)}'`;
    default:
      return base;
  }
}
function formatIssues(issues) {
  return issues.map((issue) => issue.path === "" ? issue.message : `${issue.path} ${issue.message}`).join("; ");
}

// src/schema/validator.ts
var byObject = /* @__PURE__ */ new WeakMap();
var byText = /* @__PURE__ */ new Map();
function compileSchema(schema2) {
  const known = byObject.get(schema2);
  if (known) return known;
  const text = JSON.stringify(schema2);
  let validate = byText.get(text);
  if (!validate) {
    validate = wrap(compile(schema2));
    byText.set(text, validate);
  }
  byObject.set(schema2, validate);
  return validate;
}
function compile(schema2) {
  const dialect = dialectOf(schema2);
  if (typeof dialect !== "string") {
    throw new MotiaError(
      "E_SCHEMA",
      `JSON Schema dialect "${dialect.unsupported}" is not supported: use draft-07 (no \`$schema\`) or https://json-schema.org/draft/2020-12/schema`,
      { retryable: false }
    );
  }
  try {
    return ajvFor(dialect).compile(schema2);
  } catch (error) {
    throw new MotiaError("E_SCHEMA", `Invalid JSON Schema: ${error.message}`, { cause: error, retryable: false });
  }
}
function wrap(validate) {
  return function validateAgainstSchema(data) {
    return validate(data) ? null : toIssues(validate.errors ?? []);
  };
}

// src/project/config-schema.ts
var STEP_TYPES = ["event", "api", "cron", "noop"];
var API_METHODS = HTTP_METHODS;
var string = { type: "string", description: "a string" };
var topic = { type: "string", minLength: 1, description: "a topic name (a non-empty string)" };
var stringList = { type: "array", items: string, description: "a list of strings" };
var topicList = { type: "array", items: topic, description: "a list of topic names" };
var emit2 = {
  type: ["string", "object"],
  minLength: 1,
  required: ["topic"],
  additionalProperties: false,
  properties: { topic, label: string, conditional: { type: "boolean", description: "true or false" } },
  description: "a topic name or { topic, label?, conditional? }"
};
var emitList = { type: "array", items: emit2, description: "a list of topics (strings or { topic, label?, conditional? })" };
var schema = { type: ["object", "null"], description: "a zod schema, a JSON Schema object or null" };
var common = {
  type: { description: '"event", "api", "cron" or "noop"' },
  name: { type: "string", minLength: 1, description: "a non-empty string" },
  description: string,
  flows: stringList,
  virtualEmits: emitList,
  virtualSubscribes: topicList,
  includeFiles: stringList
};
var seconds = (min, max) => ({
  type: "number",
  minimum: min,
  maximum: max,
  description: `a number of seconds from ${min} to ${max}`
});
var infrastructure = {
  type: "object",
  additionalProperties: false,
  description: "an object { handler?, queue? }",
  properties: {
    handler: {
      type: "object",
      additionalProperties: false,
      description: "an object { timeout? }",
      properties: {
        timeout: seconds(1, 900),
        // Motia v0.x fields for cloud deploys: allowed here so that validate-config refuses them with the reason.
        ram: {},
        cpu: {}
      }
    },
    queue: {
      type: "object",
      additionalProperties: false,
      description: "an object { type?, maxRetries?, visibilityTimeout?, delaySeconds?, concurrency? }",
      properties: {
        type: { type: "string", enum: ["standard", "fifo"], description: '"standard" or "fifo"' },
        maxRetries: { type: "integer", minimum: 0, description: "an integer >= 0" },
        visibilityTimeout: { type: "number", exclusiveMinimum: 0, description: "a positive number of seconds" },
        delaySeconds: seconds(0, 900),
        concurrency: { type: "integer", minimum: 1, description: "a positive integer" },
        messageGroupId: {}
      }
    }
  }
};
function stepSchema(own, required) {
  return { type: "object", required: ["name", ...required], additionalProperties: false, properties: { ...common, ...own } };
}
var CONFIG_SCHEMAS = {
  event: stepSchema({ subscribes: topicList, emits: emitList, input: schema, infrastructure }, ["subscribes", "emits"]),
  api: stepSchema(
    {
      path: { type: "string", pattern: "^/", description: "a URL path starting with '/', e.g. '/users/:id'" },
      method: { type: "string", enum: [...API_METHODS], description: `one of ${API_METHODS.join(", ")}` },
      emits: emitList,
      bodySchema: schema,
      responseSchema: {
        type: "object",
        propertyNames: { pattern: "^[1-5][0-9][0-9]$" },
        additionalProperties: { type: "object", description: "a zod schema or a JSON Schema object" },
        description: "an object mapping HTTP status codes (100-599) to schemas, e.g. { 200: schema }"
      },
      queryParams: {
        type: "array",
        items: {
          type: "object",
          required: ["name"],
          properties: { name: string, description: string },
          description: "an object { name, description? }"
        },
        description: "a list of { name, description? }"
      },
      // The node language replaces the functions with their names; see languages/node.
      middleware: { type: "array", items: string, description: "a list of middleware functions" }
    },
    ["path", "method", "emits"]
  ),
  cron: stepSchema(
    { cron: { type: "string", minLength: 1, description: "a cron expression, e.g. '*/5 * * * *'" }, emits: emitList },
    ["cron", "emits"]
  ),
  noop: stepSchema({}, ["virtualEmits", "virtualSubscribes"])
};
var BASE_SCHEMA = { type: "object", required: ["name"], properties: { name: common.name } };

// src/project/config-messages.ts
function configMessages(errors, stepType) {
  const seen = /* @__PURE__ */ new Set();
  const messages = [];
  for (const error of errors) {
    if (error.keyword === "propertyNames") continue;
    const message = describe4(error, stepType);
    if (seen.has(message)) continue;
    seen.add(message);
    messages.push(message);
  }
  return messages;
}
function describe4(error, stepType) {
  const parent = error.parentSchema ?? {};
  const params2 = error.params;
  const field = fieldName(error.instancePath);
  if (error.keyword === "required") {
    const missing = String(params2.missingProperty);
    const expected = parent.properties?.[missing]?.description;
    return `\`${join6(field, missing)}\` is missing${expected ? `: set it to ${expected}` : ""}`;
  }
  if (error.keyword === "additionalProperties") {
    const extra = String(params2.additionalProperty);
    const owner = field === "" ? `${stepType} steps` : `\`${field}\``;
    return `\`${join6(field, extra)}\` is not a field of ${owner} (allowed: ${Object.keys(parent.properties ?? {}).join(", ")})`;
  }
  const propertyName = error.propertyName;
  if (propertyName !== void 0) {
    return `\`${field}\` has the key ${JSON.stringify(propertyName)}, which is not an HTTP status code (100-599)`;
  }
  return `\`${field || "config"}\` must be ${parent.description ?? error.message}, got ${showValue(error.data)}`;
}
function fieldName(pointer) {
  let out = "";
  for (const raw of pointer.split("/").slice(1)) {
    const part = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    out = /^\d+$/.test(part) ? `${out}[${part}]` : join6(out, part);
  }
  return out;
}
function join6(parent, child) {
  return parent === "" ? child : `${parent}.${child}`;
}
function showValue(value) {
  const type = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  if (type === "function") return "a function";
  if (type === "undefined") return "undefined";
  let text = JSON.stringify(value) ?? String(value);
  if (text.length > 60) text = `${text.slice(0, 57)}...`;
  return `${text} (${type})`;
}

// src/project/config-validators.ts
import { Ajv as Ajv2 } from "ajv";
import { createRequire as createRequire4 } from "node:module";
var CONFIG_AJV_OPTIONS = { allErrors: true, verbose: true, allowUnionTypes: true, strictTypes: false };
var CONFIG_VALIDATOR_SCHEMAS = { base: BASE_SCHEMA, ...CONFIG_SCHEMAS };
var PRECOMPILED_FILE = "config-validators.compiled.cjs";
var validators;
function configValidators() {
  validators ??= precompiled() ?? compile2();
  return validators;
}
function precompiled() {
  try {
    return createRequire4(import.meta.url)(`./${PRECOMPILED_FILE}`);
  } catch (error) {
    if (error.code === "MODULE_NOT_FOUND") return void 0;
    throw error;
  }
}
function compile2() {
  const ajv = new Ajv2(CONFIG_AJV_OPTIONS);
  const entries = Object.entries(CONFIG_VALIDATOR_SCHEMAS).map(([name, schema2]) => [name, ajv.compile(schema2)]);
  return Object.fromEntries(entries);
}

// src/project/duplicates.ts
function duplicateNames(defs, root) {
  const first = /* @__PURE__ */ new Map();
  const problems = [];
  for (const def of defs) {
    const name = def.config?.name;
    if (typeof name !== "string" || name === "") continue;
    const owner = first.get(name);
    if (!owner) {
      first.set(name, def);
      continue;
    }
    problems.push({
      filePath: relativePath(root, def.filePath),
      message: `step name ${JSON.stringify(name)} is already used by ${relativePath(root, owner.filePath)}: step names must be unique`
    });
  }
  return problems;
}
function duplicateRoutes(defs, root) {
  const first = /* @__PURE__ */ new Map();
  const problems = [];
  for (const def of defs) {
    const { type, method, path: path2 } = def.config ?? {};
    if (type !== "api" || typeof path2 !== "string" || !path2.startsWith("/")) continue;
    if (!API_METHODS.includes(method)) continue;
    const key = `${method} ${normaliseRoute(path2)}`;
    const owner = first.get(key);
    if (!owner) {
      first.set(key, def);
      continue;
    }
    problems.push({
      filePath: relativePath(root, def.filePath),
      message: `route ${method} ${path2} is already served by ${relativePath(root, owner.filePath)} (step ${JSON.stringify(owner.config.name)} at ${method} ${owner.config.path}): give one of them another path or method`
    });
  }
  return problems;
}
function normaliseRoute(path2) {
  return path2.replace(/:[^/]+/g, ":").toLowerCase().replace(/\/+$/, "") || "/";
}

// src/project/validate-config.ts
function validateStepConfigs(defs, root) {
  const problems = [];
  for (const def of defs) {
    for (const message of checkConfig2(def.config)) problems.push({ filePath: relativePath(root, def.filePath), message });
  }
  problems.push(...duplicateNames(defs, root), ...duplicateRoutes(defs, root));
  const order = new Map(defs.map((def, index) => [relativePath(root, def.filePath), index]));
  return problems.sort((a, b) => (order.get(a.filePath) ?? 0) - (order.get(b.filePath) ?? 0));
}
function checkConfig2(config) {
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    return [`\`config\` must be an object, got ${showValue(config)}`];
  }
  const type = config.type;
  if (!STEP_TYPES.includes(type)) {
    const expected = '"event", "api", "cron" or "noop"';
    const typeMessage = type === void 0 ? `\`type\` is missing: set it to ${expected}` : `\`type\` must be ${expected}, got ${showValue(type)}`;
    return [typeMessage, ...run(configValidators().base, config, "unknown")];
  }
  const messages = run(configValidators()[type], config, type);
  if (type !== "event" && config.infrastructure !== void 0) {
    messages.push(`\`infrastructure\` is only for event steps (this is ${type === "api" ? "an" : "a"} ${type} step): remove it`);
  }
  messages.push(...checkCron(config), ...checkTimeouts(config), ...checkLocalOnly(config), ...checkSchemas(config));
  return messages;
}
function run(validate, config, type) {
  if (validate(config)) return [];
  const errors = (validate.errors ?? []).filter(
    (e) => !(e.keyword === "additionalProperties" && e.instancePath === "" && e.params.additionalProperty === "infrastructure")
  );
  return configMessages(errors, type);
}
function checkCron(config) {
  if (config.type !== "cron" || typeof config.cron !== "string" || config.cron === "") return [];
  try {
    new (cronClass())(config.cron).stop();
    return [];
  } catch (error) {
    const reason2 = error.message.replace(/^CronPattern: /, "").replace(/\.$/, "");
    return [
      `\`cron\` ${JSON.stringify(config.cron)} is not a valid cron expression (${reason2}): use 5 fields (minute hour day month weekday) or 6 with leading seconds`
    ];
  }
}
function checkTimeouts(config) {
  const timeout = config.infrastructure?.handler?.timeout;
  const visibility = config.infrastructure?.queue?.visibilityTimeout;
  if (typeof timeout !== "number" || typeof visibility !== "number" || timeout < 1 || visibility <= 0) return [];
  if (visibility > timeout) return [];
  return [
    `\`infrastructure.queue.visibilityTimeout\` (${visibility}) must be greater than \`infrastructure.handler.timeout\` (${timeout}): the delivery lease would end the handler before its timeout. Raise visibilityTimeout or lower the timeout.`
  ];
}
function checkLocalOnly(config) {
  const handler = config.infrastructure?.handler;
  if (typeof handler !== "object" || handler === null) return [];
  const what = { ram: "memory", cpu: "CPUs" };
  return ["ram", "cpu"].filter((field) => field in handler).map(
    (field) => `\`infrastructure.handler.${field}\` has no effect: motia runs handlers in local processes and cannot reserve ${what[field]} for them. Remove it (the deadline is \`infrastructure.handler.timeout\`).`
  );
}
function checkSchemas(config) {
  const schemas = [
    ["input", config.input],
    ["bodySchema", config.bodySchema]
  ];
  const responses = config.responseSchema;
  if (typeof responses === "object" && responses !== null) {
    for (const [status, schema2] of Object.entries(responses)) schemas.push([`responseSchema[${status}]`, schema2]);
  }
  const messages = [];
  for (const [field, schema2] of schemas) {
    if (typeof schema2 !== "object" || schema2 === null || Array.isArray(schema2)) continue;
    try {
      compileSchema(schema2);
    } catch (error) {
      const cause = error.cause;
      messages.push(`\`${field}\` is not a valid JSON Schema: ${cause instanceof Error ? cause.message : error.message}`);
    }
  }
  return messages;
}

// src/project/load-project.ts
async function loadProject(root, languages, env = process.env, options = {}) {
  const absoluteRoot = resolve2(root);
  await assertFolder(absoluteRoot);
  const discovered = await discoverStepFiles(absoluteRoot);
  const extraFiles = options.extraFiles ?? [];
  const files = [...discovered, ...extraFiles.filter((file) => !discovered.includes(file))];
  const problems = [];
  const filesByLanguage = /* @__PURE__ */ new Map();
  for (const file of files) {
    const language = languages.find((candidate) => candidate.claims(file));
    if (!language) {
      problems.push({ filePath: relativePath(absoluteRoot, file), message: unclaimed(file, languages) });
      continue;
    }
    filesByLanguage.set(language, [...filesByLanguage.get(language) ?? [], file]);
  }
  const loaded = [];
  const results = await Promise.all(
    [...filesByLanguage].map(async ([language, own]) => ({ language, result: await language.load(own, { root: absoluteRoot, env }) }))
  );
  for (const { language, result } of results) {
    for (const problem of result.problems) problems.push({ ...problem, filePath: relativePath(absoluteRoot, problem.filePath) });
    for (const def of result.steps) loaded.push({ def, language });
  }
  const order = new Map(files.map((file, index) => [file, index]));
  loaded.sort((a, b) => (order.get(a.def.filePath) ?? 0) - (order.get(b.def.filePath) ?? 0));
  const defs = loaded.map((entry) => entry.def);
  const loose = setLooseSchemasAside(defs, absoluteRoot, options.strict ?? false);
  problems.push(...loose.problems, ...validateStepConfigs(defs, absoluteRoot));
  if (problems.length === 0) for (const warning of loose.warnings) options.warn?.(warning);
  if (problems.length > 0) throw new StepConfigError(sortByFile(problems, files, absoluteRoot));
  return loaded.map(({ def, language }) => toStep(def, language, absoluteRoot));
}
function unclaimed(file, languages) {
  if (extname2(file) === ".rb") {
    return "Ruby steps are not supported: port the step to TypeScript or Python, or move the file out of steps/ and src/";
  }
  const enabled = languages.map((l) => l.id).join(", ") || "none";
  return `no enabled language loads ${extname2(file)} step files (enabled: ${enabled})`;
}
function toStep(def, runtime, root) {
  const emitTopics = new Set((def.config.emits ?? []).map((emit3) => typeof emit3 === "string" ? emit3 : emit3.topic));
  return { ...def, name: def.config.name, type: def.config.type, relativePath: relativePath(root, def.filePath), emitTopics, runtime };
}
function sortByFile(problems, files, root) {
  const order = new Map(files.map((file, index) => [relativePath(root, file), index]));
  return problems.sort((a, b) => (order.get(a.filePath) ?? files.length) - (order.get(b.filePath) ?? files.length));
}
async function assertFolder(root) {
  const info = await stat(root).catch(() => void 0);
  if (!info?.isDirectory()) {
    throw new MotiaError("E_BAD_OPTION", `Project root ${root} is not a folder: pass the folder that holds steps/ or src/`, { retryable: false });
  }
}

// src/engine/trace-id.ts
import { randomUUID as randomUUID2 } from "node:crypto";
function newTraceId() {
  return randomUUID2();
}

// src/engine/admin-api.ts
function createAdminApi(parts) {
  const { queue, state } = parts;
  return {
    flows: () => parts.flows,
    emit: async (event) => {
      if (!parts.subscribedTopics.has(event.topic)) throw notSubscribed(event.topic, parts.subscribedTopics);
      await parts.emit(null, event, newTraceId());
    },
    listDeadLetters: () => queue.listDeadLetters(),
    replayDeadLetter: (id) => queue.replayDeadLetter(id),
    async replayAllDeadLetters() {
      const letters = await queue.listDeadLetters();
      let replayed = 0;
      for (const letter of letters) if (await queue.replayDeadLetter(letter.id)) replayed++;
      return replayed;
    },
    discardDeadLetter: (id) => queue.discardDeadLetter(id),
    stateGroups: () => state.groups(),
    stateEntries: (groupId) => state.entries(groupId)
  };
}

// src/engine/deadline.ts
var DEFAULT_HANDLER_TIMEOUT_S = 300;
function deadlineOf(step, kind) {
  const infrastructure2 = step.config.infrastructure;
  const timeout = infrastructure2?.handler?.timeout ?? DEFAULT_HANDLER_TIMEOUT_S;
  const lease = kind === "event" ? infrastructure2?.queue?.visibilityTimeout : void 0;
  if (lease !== void 0 && lease < timeout) return { seconds: lease, expired: () => leaseExpired(step.name, lease) };
  return { seconds: timeout, expired: () => handlerTimeout(step.name, timeout) };
}

// src/engine/context.ts
function stateManager(store) {
  return {
    get: (groupId, key) => store.get(groupId, key),
    set: (groupId, key, value) => store.set(groupId, key, value),
    delete: (groupId, key) => store.delete(groupId, key),
    getGroup: (groupId) => store.getGroup(groupId),
    clear: (groupId) => store.clear(groupId)
  };
}
function createContext(services, step, traceId, scope) {
  return new InvocationContext(services, step, traceId, scope);
}
var InvocationContext = class {
  traceId;
  flows;
  emit;
  #logger;
  #state;
  #services;
  #step;
  #scope;
  constructor(services, step, traceId, scope) {
    this.traceId = traceId;
    this.flows = step.config.flows ?? [];
    this.#services = services;
    this.#step = step;
    this.#scope = scope;
    this.emit = (event) => scope.refusal("context.emit") ?? services.emit(step, event, traceId);
  }
  get logger() {
    return this.#logger ??= createLogger(this.#services.sink, { step: this.#step.name, traceId: this.traceId });
  }
  get state() {
    return this.#state ??= scopedState(this.#services.state, this.#scope);
  }
  get streams() {
    this.#scope.check("context.streams");
    return this.#services.streams;
  }
  get signal() {
    return this.#scope.signal;
  }
};
function scopedState(state, scope) {
  return {
    get: (groupId, key) => scope.refusal("context.state.get") ?? state.get(groupId, key),
    set: (groupId, key, value) => scope.refusal("context.state.set") ?? state.set(groupId, key, value),
    delete: (groupId, key) => scope.refusal("context.state.delete") ?? state.delete(groupId, key),
    getGroup: (groupId) => scope.refusal("context.state.getGroup") ?? state.getGroup(groupId),
    clear: (groupId) => scope.refusal("context.state.clear") ?? state.clear(groupId)
  };
}

// src/engine/deadline-list.ts
var DeadlineList = class {
  ms;
  #head;
  #tail;
  #timer;
  constructor(ms) {
    this.ms = ms;
  }
  add(entry) {
    entry.expiresAt = Date.now() + this.ms;
    entry.prev = this.#tail;
    entry.next = void 0;
    if (this.#tail) this.#tail.next = entry;
    else this.#head = entry;
    this.#tail = entry;
    if (this.#timer === void 0) this.#arm(entry.expiresAt);
  }
  remove(entry) {
    if (entry.prev) entry.prev.next = entry.next;
    else if (this.#head === entry) this.#head = entry.next;
    else return;
    if (entry.next) entry.next.prev = entry.prev;
    else this.#tail = entry.prev;
    entry.prev = entry.next = void 0;
    if (this.#head === void 0 && this.#timer !== void 0) {
      clearTimeout(this.#timer);
      this.#timer = void 0;
    }
  }
  /** Every entry, oldest first (a copy: callers may remove while they go). */
  entries() {
    const all = [];
    for (let entry = this.#head; entry; entry = entry.next) all.push(entry);
    return all;
  }
  #arm(at) {
    this.#timer = setTimeout(fire, Math.max(0, at - Date.now()), this);
  }
  /** Expires the entries that are due, then waits for the next one. */
  fire() {
    this.#timer = void 0;
    const now = Date.now();
    while (this.#head && this.#head.expiresAt <= now) {
      const entry = this.#head;
      this.remove(entry);
      entry.expired();
    }
    if (this.#head && this.#timer === void 0) this.#arm(this.#head.expiresAt);
  }
};
function fire(list2) {
  list2.fire();
}

// src/engine/invocation-scope.ts
var InvocationScope = class {
  stepName;
  #how;
  #controller;
  #abortReason = void 0;
  #aborted = false;
  constructor(stepName) {
    this.stepName = stepName;
  }
  /** Aborted at the deadline or when the app stops. Made on first use: most handlers never read it. */
  get signal() {
    this.#controller ??= new AbortController();
    if (this.#aborted && !this.#controller.signal.aborted) this.#controller.abort(this.#abortReason);
    return this.#controller.signal;
  }
  get ended() {
    return this.#how !== void 0;
  }
  /** Ends the invocation (`how`: "it returned", "timed out after 5 s"); an `abortReason` aborts the signal. First call wins. */
  end(how, abortReason) {
    if (this.#how !== void 0) return;
    this.#how = how;
    if (abortReason === void 0) return;
    this.#aborted = true;
    this.#abortReason = abortReason;
    this.#controller?.abort(abortReason);
  }
  /** Throws E_INVOCATION_ENDED once the invocation ended; `call` names what was called (`context.emit`). */
  check(call) {
    if (this.#how !== void 0) throw invocationEnded(this.stepName, this.#how, call);
  }
  /** The rejection a context call gets once the invocation ended; undefined while it runs. */
  refusal(call) {
    return this.#how === void 0 ? void 0 : Promise.reject(invocationEnded(this.stepName, this.#how, call));
  }
};

// src/engine/invoke.ts
var appStopped = (step) => new MotiaError("E_SHUTTING_DOWN", `The app stopped while step "${step}" was running: the invocation was abandoned (an event runs again on the next start).`);
function invokeStep(step, kind, input, traceId, deadline, services) {
  const scope = new InvocationScope(step.name);
  const context = createContext(services, step, traceId, scope);
  const result = new Promise((resolve5, reject) => {
    const running = new Running(step.name, scope, deadline, resolve5, reject);
    const { stop } = services;
    if (stop.aborted) return running.stopped();
    running.start(deadlinesOf(stop));
    let call;
    try {
      call = step.runtime.invoke(new LanguageCall(step, kind, input, context, scope));
    } catch (error) {
      call = Promise.reject(error);
    }
    call.then(
      (value) => running.settle("it returned", value, false),
      (error) => running.settle("it failed", error, true)
    );
  });
  return { context, result };
}
var LanguageCall = class {
  constructor(step, kind, input, context, scope) {
    this.step = step;
    this.kind = kind;
    this.input = input;
    this.context = context;
    this.scope = scope;
  }
  step;
  kind;
  input;
  context;
  scope;
  get signal() {
    return this.scope.signal;
  }
};
var Running = class {
  constructor(stepName, scope, deadline, resolve5, reject) {
    this.stepName = stepName;
    this.scope = scope;
    this.deadline = deadline;
    this.resolve = resolve5;
    this.reject = reject;
  }
  stepName;
  scope;
  deadline;
  resolve;
  reject;
  expiresAt = 0;
  prev = void 0;
  next = void 0;
  #list;
  start(deadlines) {
    this.#list = deadlines.listFor(this.deadline.seconds * 1e3);
    this.#list.add(this);
  }
  expired() {
    this.#end(`timed out after ${this.deadline.seconds} s`, this.deadline.expired());
  }
  stopped() {
    this.#end("the app stopped", appStopped(this.stepName));
  }
  settle(how, outcome, failed) {
    if (this.scope.ended) return;
    this.scope.end(how);
    this.#list?.remove(this);
    if (failed) this.reject(outcome);
    else this.resolve(outcome);
  }
  #end(how, error) {
    if (this.scope.ended) return;
    this.scope.end(how, error);
    this.#list?.remove(this);
    this.reject(error);
  }
};
var Deadlines = class {
  #lists = /* @__PURE__ */ new Map();
  constructor(stop) {
    stop.addEventListener("abort", () => this.#stopAll(), { once: true });
  }
  listFor(ms) {
    let list2 = this.#lists.get(ms);
    if (list2 === void 0) this.#lists.set(ms, list2 = new DeadlineList(ms));
    return list2;
  }
  #stopAll() {
    for (const list2 of this.#lists.values()) for (const entry of list2.entries()) entry.stopped();
  }
};
var byStop = /* @__PURE__ */ new WeakMap();
function deadlinesOf(stop) {
  let deadlines = byStop.get(stop);
  if (deadlines === void 0) byStop.set(stop, deadlines = new Deadlines(stop));
  return deadlines;
}

// src/engine/api-dispatch.ts
var INTERNAL_ERROR2 = { error: "Internal server error" };
function apiRoute(step, services, options) {
  const deadline = deadlineOf(step, "api");
  const validateBody = step.config.bodySchema ? compileSchema(step.config.bodySchema) : void 0;
  const responseValidators = /* @__PURE__ */ new Map();
  for (const [status, schema2] of Object.entries(step.config.responseSchema ?? {})) {
    if (schema2) responseValidators.set(status, compileSchema(schema2));
  }
  return {
    method: step.config.method,
    path: step.config.path,
    async handle(request) {
      if (validateBody) {
        const issues2 = validateBody(request.body);
        if (issues2) return { status: 400, body: { error: "Invalid request body", issues: issues2 } };
      }
      const { context, result } = invokeStep(step, "api", request, newTraceId(), deadline, services);
      let response;
      try {
        response = await result;
      } catch (error) {
        const { message, stack } = error instanceof Error ? error : { message: String(error), stack: void 0 };
        context.logger.error(`${step.config.method} ${step.config.path} failed: ${message}`, { error: message, stack });
        return failureResponse(error) ?? { status: 500, body: INTERNAL_ERROR2 };
      }
      if (!response || typeof response !== "object" || typeof response.status !== "number") {
        context.logger.error("API handler returned no response: expected { status, body, headers? }", { returned: String(response) });
        return { status: 500, body: INTERNAL_ERROR2 };
      }
      const validate = responseValidators.get(String(response.status));
      const issues = validate?.(response.body);
      if (issues) {
        context.logger.error(`Response ${response.status} does not match responseSchema`, { issues });
        if (options.strict) return { status: 500, body: INTERNAL_ERROR2 };
      }
      return response;
    }
  };
}

// src/engine/app-options.ts
var DEFAULT_PORT = 3e3;

// src/engine/cron-scheduler.ts
var CronScheduler = class {
  constructor(services) {
    this.services = services;
  }
  services;
  jobs = [];
  running = /* @__PURE__ */ new Set();
  start(steps) {
    const cronSteps = steps.filter((step) => step.type === "cron");
    if (cronSteps.length === 0) return;
    const CronJob = cronClass();
    for (const step of cronSteps) {
      const job = new CronJob(step.config.cron, { protect: true }, () => this.tick(step));
      this.jobs.push(job);
    }
  }
  /** Runs one tick now (also used by the scheduler itself). */
  tick(step) {
    const { context, result } = invokeStep(step, "cron", void 0, newTraceId(), deadlineOf(step, "cron"), this.services);
    const run2 = result.then(
      () => void 0,
      (error) => context.logger.error(`Cron handler failed: ${error instanceof Error ? error.message : String(error)}`, { error })
    );
    this.running.add(run2);
    void run2.finally(() => this.running.delete(run2));
    return run2;
  }
  /** Stops scheduling and waits for running ticks up to `graceMs`. */
  async close(graceMs) {
    for (const job of this.jobs) job.stop();
    if (this.running.size === 0) return;
    await Promise.race([Promise.allSettled([...this.running]), new Promise((resolve5) => setTimeout(resolve5, graceMs).unref())]);
  }
};

// src/engine/emitter.ts
function createEmitter(topics, queue, options = {}) {
  const warnOnly = options.undeclaredEmits === "warn";
  const warned = /* @__PURE__ */ new Set();
  return async (from, event, traceId) => {
    if (event === null || typeof event !== "object" || typeof event.topic !== "string" || event.topic === "") {
      throw new MotiaError("E_EMIT_VALIDATION", `emit expects { topic: string, data }, got ${describeValue(event)}`, { retryable: false });
    }
    const { topic: topic2, data, messageGroupId } = event;
    if (from && !from.emitTopics.has(topic2)) {
      if (!warnOnly) throw undeclaredEmit(from.name, topic2, [...from.emitTopics]);
      const message = `Step "${from.name}" emitted to topic "${topic2}", which is not in its \`emits\`: delivered anyway (compat.undeclaredEmits is 'warn' in motia.config.ts)`;
      const key = `${from.name}\0${topic2}`;
      if (!warned.has(key)) options.warn?.(message, from, traceId);
      warned.add(key);
    }
    if (messageGroupId !== void 0 && messageGroupId !== null && typeof messageGroupId !== "string") {
      const who = from ? `Step "${from.name}"` : "An emit";
      throw new MotiaError(
        "E_EMIT_VALIDATION",
        `${who} emitted to "${topic2}" with a messageGroupId that is not a string: got ${describeValue(messageGroupId)}. Pass a string, or leave messageGroupId out.`,
        { retryable: false }
      );
    }
    const subscribers = topics.get(topic2);
    if (!subscribers) return;
    const messages = [];
    for (const subscriber of subscribers) {
      const issues = subscriber.validate?.(data);
      if (issues) {
        throw new MotiaError(
          "E_EMIT_VALIDATION",
          `Data emitted to "${topic2}" does not match the input schema of step "${subscriber.step.name}": ${formatIssues(issues)}`,
          { retryable: false }
        );
      }
      messages.push({
        topic: topic2,
        stepName: subscriber.step.name,
        data,
        traceId,
        messageGroupId: messageGroupId ?? void 0,
        delayMs: subscriber.delayMs
      });
    }
    await queue.enqueue(messages);
  };
}

// src/engine/event-dispatch.ts
function eventDelivery(step, services) {
  const deadline = deadlineOf(step, "event");
  return async (message) => {
    const { context, result } = invokeStep(step, "event", message.data, message.traceId, deadline, services);
    try {
      await result;
    } catch (error) {
      const wire = toWireError(error);
      context.logger.error(`Handler failed on attempt ${message.attempts + 1}: ${wire.type}: ${wire.message}`, {
        topic: message.topic,
        attempt: message.attempts + 1,
        error: { type: wire.type, message: wire.message, traceback: wire.traceback }
      });
      throw error;
    }
  };
}

// src/engine/queue-settings.ts
var DEFAULT_QUEUE = { type: "standard", maxRetries: 3, delaySeconds: 0 };
var DEFAULT_CONCURRENCY = 256;
function subscriptionOf(step) {
  const queue = step.config.infrastructure?.queue ?? {};
  const type = queue.type ?? DEFAULT_QUEUE.type;
  return {
    stepName: step.name,
    type,
    maxRetries: queue.maxRetries ?? DEFAULT_QUEUE.maxRetries,
    concurrency: queue.concurrency ?? DEFAULT_CONCURRENCY
  };
}
function delayMsOf(step) {
  return (step.config.infrastructure?.queue?.delaySeconds ?? DEFAULT_QUEUE.delaySeconds) * 1e3;
}

// src/engine/streams.ts
var PASSIVE_KEYS = /* @__PURE__ */ new Set(["then", "toJSON", "constructor", "inspect"]);
function noStreams() {
  return new Proxy({}, {
    get(target, key) {
      if (typeof key === "symbol" || PASSIVE_KEYS.has(key)) return Reflect.get(target, key);
      throw new MotiaError(
        "E_STEP_CONFIG",
        `No stream named "${key}": stream files (*.stream.ts, *_stream.py) are not supported by this version of motia, so ctx.streams has no entries. Keep the data in ctx.state instead.`,
        { retryable: false }
      );
    }
  });
}

// src/engine/topic-index.ts
function buildTopicIndex(steps) {
  const index = /* @__PURE__ */ new Map();
  for (const step of steps) {
    if (step.type !== "event") continue;
    const input = step.config.input;
    const subscriber = {
      step,
      validate: input ? compileSchema(input) : void 0,
      delayMs: delayMsOf(step)
    };
    for (const topic2 of new Set(step.config.subscribes ?? [])) {
      const list2 = index.get(topic2);
      if (list2) list2.push(subscriber);
      else index.set(topic2, [subscriber]);
    }
  }
  return index;
}

// src/engine/app.ts
var MotiaApp = class {
  sink;
  logger;
  steps = [];
  options;
  stopController = new AbortController();
  languages = [];
  queue;
  state;
  http;
  cron;
  emitFn;
  services;
  plugins;
  closing;
  releaseDirectory;
  constructor(options) {
    this.options = options;
    this.sink = new LogSink({ level: options.logLevel ?? "info", pretty: options.pretty ?? Boolean(process.stdout.isTTY) });
    this.logger = createLogger(this.sink, { step: "motia" });
  }
  /** Loads and validates every step (throws StepConfigError listing all problems), then starts serving. */
  async start() {
    const { options } = this;
    const env = options.env ?? process.env;
    this.languages = options.languages ?? [
      new NodeLanguage(),
      new PythonLanguage({ root: options.root, env, workers: options.pythonWorkers, sink: this.sink })
    ];
    let projectConfig;
    try {
      projectConfig = await loadProjectConfig(options.root);
      this.plugins = projectConfig && await this.loadPlugins(projectConfig);
      this.steps = await loadProject(options.root, this.languages, env, {
        strict: options.strict,
        warn: (line) => this.logger.warn(line),
        extraFiles: this.plugins?.stepFiles
      });
    } catch (error) {
      await Promise.allSettled(this.languages.map((language) => language.close()));
      throw error;
    }
    const motiaDir = join7(options.root, ".motia");
    const adapterOptions = {
      backoff: options.backoff,
      onDeadLetter: (letter) => createLogger(this.sink, { step: letter.stepName, traceId: letter.traceId }).error(
        `Moved to the dead-letter queue after ${letter.attempts} attempts: ${letter.error.type}: ${letter.error.message}`,
        { topic: letter.topic, deadLetterId: letter.id }
      ),
      onWarning: (message) => this.logger.warn(message),
      // Failures no caller waits for (an ack the disk refused): a log line, not a crash.
      onError: (error) => this.logger.error(error instanceof Error ? error.message : String(error), { code: error.code })
    };
    const embedded = !options.memory && (!options.queue || !options.state);
    if (embedded) this.releaseDirectory = lockDirectory(motiaDir);
    this.queue = options.queue ?? (options.memory ? new MemoryQueue(adapterOptions) : new SqliteQueue(motiaDir, adapterOptions));
    this.state = options.state ?? (options.memory ? new MemoryStateStore() : new SqliteStateStore(motiaDir));
    const topics = buildTopicIndex(this.steps);
    this.emitFn = createEmitter(topics, this.queue, {
      undeclaredEmits: projectConfig?.config.compat?.undeclaredEmits,
      warn: (message, from, traceId) => createLogger(this.sink, { step: from.name, traceId }).warn(message)
    });
    const services = this.services = {
      sink: this.sink,
      state: stateManager(this.state),
      emit: this.emitFn,
      streams: noStreams(),
      stop: this.stopController.signal
    };
    if (this.steps.length === 0) {
      const [steps, src] = ["steps", "src"].map((dir) => join7(resolve3(options.root), dir));
      this.logger.warn(`No step files found under ${steps} or ${src} (*.step.ts, *.step.js, *_step.py, ...): the app serves nothing. Is --project the right folder?`);
    }
    for (const warning of topicWarnings(this.steps)) this.logger.warn(warning);
    for (const notice of projectConfig ? configNotices(projectConfig) : []) this.logger.warn(notice);
    for (const step of this.steps) {
      if (step.type === "event") this.queue.subscribe(subscriptionOf(step), eventDelivery(step, services));
    }
    await this.queue.start();
    const strict = options.strict ?? false;
    const routes = this.steps.filter((step) => step.type === "api").map((step) => apiRoute(step, services, { strict }));
    const host = options.host ?? (options.mode === "dev" ? "127.0.0.1" : "0.0.0.0");
    const adminAccess = adminAccessFor(options.mode === "dev", host, options.adminToken);
    this.http = new HttpServer({
      host,
      port: options.port ?? DEFAULT_PORT,
      bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
      routes,
      admin: createAdminApi({
        flows: buildFlows(this.steps),
        emit: this.emitFn,
        queue: this.queue,
        state: this.state,
        subscribedTopics: new Set(topics.keys())
      }),
      adminAccess,
      log: (level, message, fields) => this.logger[level](message, fields),
      pluginRoutes: this.plugins?.routes((traceId, pluginName) => this.pluginContext(traceId, pluginName))
    });
    const address = await this.http.start();
    this.cron = new CronScheduler(services);
    this.cron.start(this.steps);
    const counts = countByType(this.steps);
    this.logger.info(`Ready on http://${address.host}:${address.port}`, counts);
    if (adminAccess.generated) this.logger.info(generatedTokenNotice(address.host, adminAccess.generated));
    return address;
  }
  // Plugins are built before the steps load (they may add steps); their state works once the app started.
  loadPlugins({ config, fileName }) {
    return loadPlugins(config, {
      root: resolve3(this.options.root),
      fileName,
      state: lateState(() => this.services?.state),
      loggerFor: (pluginName) => createLogger(this.sink, { step: pluginName }),
      newTraceId
    });
  }
  // What a plugin route's handler gets: a step context without a step (its emits are not checked).
  pluginContext(traceId, pluginName) {
    const services = this.services;
    return {
      traceId,
      flows: [],
      logger: createLogger(this.sink, { step: pluginName, traceId }),
      state: services.state,
      emit: (event) => services.emit(null, event, traceId),
      streams: services.streams,
      signal: services.stop
    };
  }
  /** Emits from outside any step (no `emits` check), as the admin endpoint does. */
  emit(topic2, data, traceId) {
    if (!this.emitFn) throw new Error("The app is not started");
    return this.emitFn(null, { topic: topic2, data }, traceId);
  }
  /**
   * Stops intake (HTTP, cron), lets in-flight handlers finish up to the grace period, flushes the
   * queue and state to disk, and stops the language runtimes. Safe to call twice.
   */
  close() {
    this.closing ??= this.shutdown();
    return this.closing;
  }
  async shutdown() {
    const graceMs = this.options.graceMs ?? DEFAULT_GRACE_MS;
    const deadline = Date.now() + graceMs;
    this.logger.info("Shutting down");
    await Promise.allSettled([this.http?.close(graceMs), this.cron?.close(graceMs)]);
    await this.queue?.close(Math.max(0, deadline - Date.now()));
    await this.plugins?.shutdown();
    this.stopController.abort(new Error("The app is shutting down"));
    await Promise.allSettled(this.languages.map((language) => language.close()));
    await this.state?.close();
    this.releaseDirectory?.();
    this.logger.info("Stopped");
    this.sink.flush();
  }
};
function countByType(steps) {
  const counts = { api: 0, event: 0, cron: 0, noop: 0 };
  for (const step of steps) counts[step.type] = (counts[step.type] ?? 0) + 1;
  return counts;
}

// src/engine/heap-budget.ts
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
var DEFAULT_HEAP_BUDGET_MB = 48;
var CHECK_EVERY_MS = 250;
var MB = 1024 * 1024;
var HeapBudget = class {
  /** Collections this budget asked for. */
  collections = 0;
  #budgetBytes;
  #limit;
  #timer;
  #gc;
  constructor(budgetMb = DEFAULT_HEAP_BUDGET_MB) {
    this.#budgetBytes = budgetMb * MB;
    this.#limit = this.#budgetBytes;
  }
  start() {
    if (this.#timer !== void 0 || this.#budgetBytes <= 0) return;
    this.#gc = exposedGc();
    this.#timer = setInterval(() => this.check(), CHECK_EVERY_MS).unref();
  }
  /** Collects when the heap is past the limit; runs on a timer, callable directly. */
  check() {
    const gc = this.#gc;
    if (gc === void 0 || process.memoryUsage().heapUsed <= this.#limit) return;
    gc();
    this.collections++;
    this.#limit = Math.max(this.#budgetBytes, 2 * process.memoryUsage().heapUsed);
  }
  close() {
    clearInterval(this.#timer);
    this.#timer = void 0;
  }
};
function exposedGc() {
  const existing = globalThis.gc;
  if (typeof existing === "function") return existing;
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc");
}

// src/cli/serve.ts
async function serve(mode, flags) {
  const root = resolve4(flags.project);
  loadDotEnv(root);
  const env = process.env;
  const retryBaseMs = fromEnv(env, "MOTIA_RETRY_BASE_MS", parseNonNegativeInt);
  new HeapBudget(fromEnv(env, "MOTIA_HEAP_BUDGET_MB", parseNonNegativeInt) ?? DEFAULT_HEAP_BUDGET_MB).start();
  const app = new MotiaApp({
    root,
    mode,
    host: flags.host ?? env.HOST,
    port: flags.port ?? fromEnv(env, "PORT", parsePort),
    memory: flags.memory,
    strict: flags.strict,
    bodyLimit: flags.bodyLimit,
    pythonWorkers: flags.pythonWorkers ?? fromEnv(env, "MOTIA_PYTHON_WORKERS", parsePositiveInt),
    adminToken: env.MOTIA_ADMIN_TOKEN || void 0,
    logLevel: parseLogLevel(env.MOTIA_LOG_LEVEL ?? env.LOG_LEVEL),
    backoff: retryBaseMs === void 0 ? void 0 : { baseMs: retryBaseMs, maxMs: Math.max(3e5, retryBaseMs) },
    env
  });
  let stopping = false;
  const stop = (signal) => {
    if (stopping) {
      app.logger.warn(`Received ${signal} again: exiting now, without waiting for in-flight work`);
      app.sink.flush();
      process.exit(signal === "SIGINT" ? 130 : 143);
    }
    stopping = true;
    app.logger.info(`Received ${signal}`);
    app.close().then(
      () => process.exit(0),
      (error) => {
        process.stderr.write(`motia: shutdown failed: ${error instanceof Error ? error.message : String(error)}
`);
        process.exit(1);
      }
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("unhandledRejection", (reason2) => {
    const message = reason2 instanceof Error ? reason2.message : String(reason2);
    app.logger.error(`Unhandled promise rejection (is an \`await\` missing in a step?): ${message}`, { error: reason2 });
  });
  try {
    await app.start();
  } catch (error) {
    app.sink.flush();
    await app.close().catch(() => void 0);
    if (error instanceof StepConfigError || error instanceof MotiaError) {
      process.stderr.write(`motia: ${error.message}
`);
      process.exit(1);
    }
    throw error;
  }
}
function fromEnv(env, name, parse) {
  const value = env[name];
  if (!value) return void 0;
  try {
    return parse(value);
  } catch (error) {
    throw new Error(`Environment variable ${name}: ${error.message}`);
  }
}
function loadDotEnv(root) {
  const file = join8(root, ".env");
  if (existsSync4(file)) process.loadEnvFile(file);
}
export {
  serve
};

// src/errors.ts
var MotiaError = class extends Error {
  code;
  retryable;
  constructor(code, message, options = {}) {
    super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
    this.name = "MotiaError";
    this.code = code;
    this.retryable = options.retryable ?? true;
  }
};
var StepConfigError = class extends MotiaError {
  problems;
  constructor(problems) {
    super("E_STEP_CONFIG", formatProblems(problems), { retryable: false });
    this.name = "StepConfigError";
    this.problems = problems;
  }
};
function formatProblems(problems) {
  const lines = problems.map((p) => `  ${p.filePath}${p.line === void 0 ? "" : `:${p.line}`}: ${p.message}`);
  return `${problems.length} problem${problems.length === 1 ? "" : "s"} in step files:
${lines.join("\n")}`;
}
var undeclaredEmit = (step, topic, declared) => new MotiaError(
  "E_UNDECLARED_EMIT",
  `Step "${step}" emitted to topic "${topic}", which is not in its \`emits\` (${declared.length ? declared.map((t) => `"${t}"`).join(", ") : "empty: the step may emit nothing"}). Add "${topic}" to \`emits\` in its config, or let undeclared emits through with a warning, as Motia v0.x did: \`compat: { undeclaredEmits: 'warn' }\` in motia.config.ts.`,
  { retryable: false }
);
var handlerTimeout = (step, seconds) => new MotiaError(
  "E_HANDLER_TIMEOUT",
  `Step "${step}" timed out after ${seconds} s. Raise \`infrastructure.handler.timeout\` or make the handler faster.`
);
var notSubscribed = (topic, subscribed) => {
  const topics = [...subscribed].sort().map((t) => `"${t}"`);
  return new MotiaError(
    "E_NOT_SUBSCRIBED",
    `No step subscribes to topic "${topic}": nothing was stored. ${topics.length ? `Topics with subscribers: ${topics.join(", ")}.` : "No step subscribes to any topic."} Check the topic name.`,
    { retryable: false }
  );
};
var leaseExpired = (step, seconds) => new MotiaError(
  "E_LEASE_EXPIRED",
  `Step "${step}" still had the event after its delivery lease of ${seconds} s (\`infrastructure.queue.visibilityTimeout\`): the delivery failed and will be retried. Raise \`visibilityTimeout\` or make the handler faster.`
);
var invocationEnded = (step, how, call) => new MotiaError(
  "E_INVOCATION_ENDED",
  `Step "${step}"'s invocation ended (${how}): ${call} cannot run after that. Await context calls inside the handler, before it returns, and stop work when context.signal aborts.`,
  { retryable: false }
);
function toWireError(error) {
  try {
    if (error instanceof Error) {
      const wire = error.wire;
      if (wire) return wire;
      return {
        type: String(error.name),
        message: String(error.message),
        traceback: error.stack === void 0 ? void 0 : String(error.stack),
        code: error instanceof MotiaError ? error.code : void 0,
        retryable: error instanceof MotiaError ? error.retryable : true
      };
    }
    return { type: "Error", message: String(error), retryable: true };
  } catch (cause) {
    return unstorableError(cause);
  }
}
function unstorableError(cause) {
  let why;
  try {
    why = cause instanceof Error ? `${cause.name}: ${cause.message}` : typeof cause;
  } catch {
    why = typeof cause;
  }
  return { type: "Error", message: `The handler failed with a value that cannot be stored as an error (${why}): throw or reject with an Error.`, retryable: true };
}
var RemoteError = class extends Error {
  wire;
  constructor(wire) {
    super(wire.message);
    this.name = wire.type;
    this.wire = wire;
    if (wire.traceback) this.stack = `${wire.type}: ${wire.message}
${wire.traceback}`;
  }
};

export {
  MotiaError,
  StepConfigError,
  undeclaredEmit,
  handlerTimeout,
  notSubscribed,
  leaseExpired,
  invocationEnded,
  toWireError,
  unstorableError,
  RemoteError
};

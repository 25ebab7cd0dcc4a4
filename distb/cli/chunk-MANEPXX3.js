import {
  MotiaError
} from "./chunk-OVUCM73P.js";

// src/languages/python/runner-errors.ts
function describeExit(code, signal) {
  if (signal) return `was killed by ${signal}`;
  if (code !== null) return `exited with code ${code}`;
  return "exited";
}
var INNOCENT = "runner-crash-innocent";
var SUSPECT = "runner-crash-suspect";
var crashError = (pid, how, what, blame) => new MotiaError(
  "E_RUNNER_CRASHED",
  `Python runner (pid ${pid}) ${how} while ${what}. A new runner replaces it; the call failed as retryable.`,
  { retryable: true, cause: blame }
);
var isRerun = (error) => error instanceof MotiaError && (error.cause === INNOCENT || error.cause === SUSPECT);
var notReadyError = (pid, how, python, stderrTail) => new MotiaError(
  "E_RUNNER_CRASHED",
  `Python runner (${pid === void 0 ? "" : `pid ${pid}, `}${python}) ${how} before it was ready.` + (stderrTail.length ? ` Its last output:
  ${stderrTail.join("\n  ")}` : " It wrote nothing to stderr."),
  { retryable: true }
);
var mismatchError = (runner, core) => new MotiaError(
  "E_RUNNER_PROTOCOL",
  `Python runner speaks protocol ${runner}, this core speaks protocol ${core}: the runner and the core come from different motia versions. Reinstall motia so that both match.`,
  { retryable: false }
);
var importTimeoutError = (ms) => new MotiaError(
  "E_STEP_LOAD",
  `importing the module did not finish within ${ms / 1e3} s: does its top-level code block (a network call, input(), an endless loop)?`,
  { retryable: false }
);
function printedAtStartup(head) {
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
  } catch {
    return void 0;
  }
  if (!/^[^\p{Cc}]*$/u.test(text.replace(/[\n\r\t]/g, " "))) return void 0;
  return `printed ${JSON.stringify(text.trim())} to stdout, where only protocol frames may go (does a sitecustomize.py or .pth file print at interpreter start-up? make it print to stderr)`;
}
var NOT_STARTED = "describe-not-started";
var importCrashError = (pid, how, file) => new MotiaError(
  "E_RUNNER_CRASHED",
  `Python runner (pid ${pid}) ${how} while importing ${file}: does its top-level code end the process (os._exit(), a crash in a C extension)?`,
  { retryable: false }
);
var notStartedError = (pid, how, file) => new MotiaError("E_RUNNER_CRASHED", `Python runner (pid ${pid}) ${how} before it read ${file}; read it again.`, {
  retryable: true,
  cause: NOT_STARTED
});

export {
  describeExit,
  INNOCENT,
  SUSPECT,
  crashError,
  isRerun,
  notReadyError,
  mismatchError,
  importTimeoutError,
  printedAtStartup,
  NOT_STARTED,
  importCrashError,
  notStartedError
};

import {
  MotiaError
} from "./chunk-OVUCM73P.js";

// src/languages/python/interpreter.ts
import { lstatSync } from "node:fs";
import path from "node:path";
import { execa } from "execa";
var MIN_PYTHON = [3, 10];
var PROBE = [
  "import sys",
  "try:",
  "    import msgpack",
  "    m = 1",
  "except Exception:",
  "    m = 0",
  'print("%d %d %d %d" % (sys.version_info[0], sys.version_info[1], sys.version_info[2], m))',
  "print(sys.executable)"
].join("\n");
function venvPython(dir) {
  return process.platform === "win32" ? path.join(dir, "Scripts", "python.exe") : path.join(dir, "bin", "python");
}
function present(file) {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}
function pickCandidate(root, env) {
  if (env.MOTIA_PYTHON) return { command: env.MOTIA_PYTHON, label: `MOTIA_PYTHON=${env.MOTIA_PYTHON}`, source: "MOTIA_PYTHON" };
  for (const dir of [".venv", "python_modules"]) {
    const command = venvPython(path.join(root, dir));
    if (present(command)) return { command, label: dir, source: "project" };
  }
  return { command: "python3", label: "python3", source: "PATH" };
}
async function probePython(command, cwd, env) {
  const result = await execa(command, ["-c", PROBE], { cwd, env, extendEnv: false, reject: false, timeout: 3e4 });
  if (result.failed) {
    const code = result.code;
    const lastLine = String(result.stderr).trim().split("\n").pop();
    return { failure: code ?? (lastLine || result.shortMessage || "failed") };
  }
  const [numbers = "", executable = command] = String(result.stdout).trim().split("\n");
  const [major = 0, minor = 0, patch = 0, msgpack = 0] = numbers.split(" ").map(Number);
  return { executable: executable || command, version: `${major}.${minor}.${patch}`, versionTuple: [major, minor, patch], msgpack: msgpack === 1 };
}
function isTooOld([major, minor]) {
  return major < MIN_PYTHON[0] || major === MIN_PYTHON[0] && minor < MIN_PYTHON[1];
}
var tooOldError = (version, where) => new MotiaError(
  "E_PYTHON_TOO_OLD",
  `Python ${version} from ${where} is too old: motia needs Python ${MIN_PYTHON.join(".")} or newer. Install a newer Python, then run \`motia install\`.`,
  { retryable: false }
);
function missingError(candidate, root, failure) {
  const message = candidate.source === "MOTIA_PYTHON" ? `MOTIA_PYTHON is set to \`${candidate.command}\`, which could not be run (${failure}). Point it at a Python ${MIN_PYTHON.join(".")}+ interpreter, or unset it and run \`motia install\`.` : candidate.source === "project" ? `The project's Python \`${candidate.command}\` could not be run (${failure}). Delete ${candidate.label} and run \`motia install\`.` : `Python not found: no .venv or python_modules in ${root}, and \`python3\` could not be run (${failure}). Install Python ${MIN_PYTHON.join(".")} or newer, then run \`motia install\`.`;
  return new MotiaError("E_PYTHON_MISSING", message, { retryable: false });
}
async function findPython(root, env = process.env) {
  const candidate = pickCandidate(root, env);
  const probe = await probePython(candidate.command, root, env);
  if ("failure" in probe) throw missingError(candidate, root, probe.failure);
  const where = candidate.source === "PATH" ? `python3 (${probe.executable})` : candidate.label;
  if (isTooOld(probe.versionTuple)) throw tooOldError(probe.version, where);
  if (!probe.msgpack) {
    const inWhat = candidate.source === "project" ? `in ${candidate.label}` : `for ${where}`;
    throw new MotiaError("E_PYTHON_PACKAGE_MISSING", `Python package \`msgpack\` not found ${inWhat}: run \`motia install\`.`, {
      retryable: false
    });
  }
  return { path: candidate.source === "PATH" ? probe.executable : candidate.command, version: probe.version };
}

export {
  MIN_PYTHON,
  venvPython,
  present,
  probePython,
  isTooOld,
  tooOldError,
  findPython
};

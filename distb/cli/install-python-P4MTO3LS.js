import {
  MIN_PYTHON,
  findPython,
  isTooOld,
  present,
  probePython,
  tooOldError
} from "./chunk-IHWIQ7GL.js";
import {
  LineSplitter
} from "./chunk-VFJEDL6P.js";
import {
  UP_TO_DATE,
  venvState,
  writeStamp
} from "./chunk-KM7HZRGE.js";
import {
  bundledPythonDir
} from "./chunk-JZ4KZTPF.js";
import {
  MotiaError
} from "./chunk-OVUCM73P.js";

// src/cli/install-python.ts
import { existsSync } from "node:fs";
import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { execa } from "execa";
async function usable(command, label, where, root, env, fix) {
  const probe = await probePython(command, root, env);
  if ("failure" in probe) {
    throw new MotiaError("E_PYTHON_MISSING", `${label} could not be run (${probe.failure}). ${fix}`, { retryable: false });
  }
  if (isTooOld(probe.versionTuple)) throw tooOldError(probe.version, where(probe));
  return probe;
}
async function run(command, args, cwd, env, log) {
  const subprocess = execa(command, args, { cwd, env, extendEnv: false, reject: false, buffer: false, stdin: "ignore" });
  const tail = [];
  const onLine = (line) => {
    if (tail.push(line) > 5) tail.shift();
    if (line.trim()) log(`  ${line}`);
  };
  const out = new LineSplitter(onLine);
  const err = new LineSplitter(onLine);
  subprocess.stdout.on("data", (chunk) => out.push(chunk));
  subprocess.stderr.on("data", (chunk) => err.push(chunk));
  const result = await subprocess;
  out.end();
  err.end();
  return { ok: !result.failed, exit: result.exitCode ?? result.code, tail: tail.filter((l) => l.trim()) };
}
async function installPython(root, options) {
  const env = options.env ?? process.env;
  const { log } = options;
  if (env.MOTIA_PYTHON) {
    const target = env.MOTIA_PYTHON;
    const label = `MOTIA_PYTHON=${target}`;
    const fix = `Point MOTIA_PYTHON at a Python ${MIN_PYTHON.join(".")}+ interpreter, or unset it.`;
    const probe = await usable(target, label, () => label, root, env, fix);
    log(`MOTIA_PYTHON is set: installing into ${target} (Python ${probe.version})`);
    await pipInstall(target, root, env, log);
  } else {
    const { venv, target, inputs, upToDate } = await venvState(root);
    if (upToDate) {
      log(UP_TO_DATE(target));
      return;
    }
    await prepareVenv(venv, target, root, env, log);
    await pipInstall(target, root, env, log);
    await writeStamp(venv, inputs);
  }
  const ready = await findPython(root, env);
  log(`Python ${ready.version} ready with motia and msgpack: ${ready.path}`);
}
async function prepareVenv(venv, target, root, env, log) {
  if (present(target)) {
    const probe2 = await usable(target, ".venv", () => ".venv", root, env, "Delete .venv and run `motia install` again.");
    log(`Using .venv (Python ${probe2.version})`);
    return;
  }
  const base = process.platform === "win32" ? "python" : "python3";
  const fix = `Install Python ${MIN_PYTHON.join(".")} or newer, then run \`motia install\` again.`;
  const probe = await usable(base, `\`${base}\``, (p) => `${base} (${p.executable})`, root, env, fix);
  log(`Creating .venv with Python ${probe.version} (${probe.executable})`);
  const created = await run(probe.executable, ["-m", "venv", venv], root, env, log);
  if (!created.ok) {
    throw new MotiaError(
      "E_PYTHON_MISSING",
      `\`${base} -m venv .venv\` failed (${created.exit}): ${created.tail.at(-1) ?? "no output"}. On Debian/Ubuntu install python3-venv, then run \`motia install\` again.`,
      { retryable: false }
    );
  }
}
async function pipInstall(python, root, env, log) {
  const staging = await mkdtemp(path.join(os.tmpdir(), "motia-python-"));
  try {
    await cp(path.join(bundledPythonDir, "pyproject.toml"), path.join(staging, "pyproject.toml"));
    await cp(path.join(bundledPythonDir, "motia"), path.join(staging, "motia"), {
      recursive: true,
      filter: (source) => !source.includes("__pycache__")
    });
    const requirements = path.join(root, "requirements.txt");
    const hasRequirements = existsSync(requirements);
    const args = ["-m", "pip", "install", "--disable-pip-version-check", "--progress-bar", "off", staging, "msgpack"];
    if (hasRequirements) args.push("-r", requirements);
    log(`Installing motia (Python package), msgpack${hasRequirements ? " and requirements.txt" : ""}`);
    const installed = await run(python, args, root, env, log);
    if (!installed.ok) {
      throw new MotiaError(
        "E_PYTHON_PACKAGE_MISSING",
        `pip install failed (exit ${installed.exit}): ${installed.tail.at(-1) ?? "no output"}. Fix the cause shown above (network, requirements.txt), then run \`motia install\` again.`,
        { retryable: false }
      );
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
export {
  installPython
};

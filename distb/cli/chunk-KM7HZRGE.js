import {
  bundledPythonDir
} from "./chunk-JZ4KZTPF.js";

// src/cli/install-stamp.ts
import { createHash } from "node:crypto";
import { lstatSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
var FORMAT = 1;
var STAMP_FILE = ".motia-install";
async function installInputs(bundledDir, requirements) {
  const hash = createHash("sha256").update(`format ${FORMAT}
`);
  const files = [path.join(bundledDir, "pyproject.toml"), ...await filesUnder(path.join(bundledDir, "motia"))];
  for (const file of files) hash.update(`${path.relative(bundledDir, file)}
`).update(await readFile(file)).update("\n");
  hash.update(requirements === void 0 ? "no requirements.txt" : `requirements.txt
${requirements}`);
  return hash.digest("hex");
}
async function filesUnder(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && !entry.parentPath.includes("__pycache__") && !entry.name.endsWith(".pyc")).map((entry) => path.join(entry.parentPath, entry.name)).sort();
}
var UP_TO_DATE = (python) => `.venv is up to date (the motia package and requirements.txt are unchanged since the last install): ${python}`;
async function venvState(root) {
  const venv = path.join(root, ".venv");
  const target = process.platform === "win32" ? path.join(venv, "Scripts", "python.exe") : path.join(venv, "bin", "python");
  const requirements = await readFile(path.join(root, "requirements.txt"), "utf8").catch(() => void 0);
  const inputs = await installInputs(bundledPythonDir, requirements);
  const stamp = await readFile(path.join(venv, STAMP_FILE), "utf8").catch(() => void 0);
  const exists = lstatSync(target, { throwIfNoEntry: false }) !== void 0;
  return { venv, target, inputs, upToDate: exists && stamp === inputs };
}
async function writeStamp(venv, inputs) {
  await writeFile(path.join(venv, STAMP_FILE), inputs);
}

export {
  UP_TO_DATE,
  venvState,
  writeStamp
};

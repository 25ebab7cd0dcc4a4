import {
  discoverStepFiles,
  relativePath
} from "./chunk-UXIGHXAM.js";
import {
  UP_TO_DATE,
  venvState
} from "./chunk-KM7HZRGE.js";
import "./chunk-JZ4KZTPF.js";
import {
  MotiaError
} from "./chunk-OVUCM73P.js";

// src/cli/install.ts
import { statSync } from "node:fs";

// src/cli/gitignore.ts
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
var ENTRIES = [".venv", ".motia"];
async function ensureGitignore(root) {
  const file = path.join(root, ".gitignore");
  const text = await readFile(file, "utf8").catch((error) => {
    if (error.code === "ENOENT") return "";
    throw error;
  });
  const present = new Set(text.split(/\r?\n/).map((line) => line.trim().replace(/^\//, "").replace(/\/$/, "")));
  const missing = ENTRIES.filter((entry) => !present.has(entry));
  if (missing.length === 0) return [];
  const separator = text === "" || text.endsWith("\n") ? "" : "\n";
  await writeFile(file, `${text}${separator}${missing.join("\n")}
`);
  return missing;
}

// src/cli/install.ts
var PYTHON_STEP = /[._]step\.py$/;
async function installProject(root, options) {
  const { log } = options;
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    throw new MotiaError("E_BAD_OPTION", `Project root ${root} is not a folder: pass the folder that holds steps/ or src/`, { retryable: false });
  }
  const added = await ensureGitignore(root);
  if (added.length > 0) log(`Added ${added.join(" and ")} to .gitignore`);
  const pythonSteps = (await discoverStepFiles(root)).filter((file) => PYTHON_STEP.test(file));
  if (pythonSteps.length === 0) {
    log("No Python steps (*_step.py, *.step.py) under steps/ or src/: nothing to install, Python is not needed.");
    return;
  }
  const first = relativePath(root, pythonSteps[0]);
  log(`${pythonSteps.length} Python step file${pythonSteps.length === 1 ? "" : "s"} (${first}${pythonSteps.length > 1 ? ", ..." : ""})`);
  if (!(options.env ?? process.env).MOTIA_PYTHON) {
    const { target, upToDate } = await venvState(root);
    if (upToDate) return log(UP_TO_DATE(target));
  }
  const { installPython } = await import("./install-python-P4MTO3LS.js");
  await installPython(root, options);
}
export {
  installProject
};

// src/languages/python/paths.ts
import { fileURLToPath } from "node:url";
import path from "node:path";
var packageRoot = fileURLToPath(new URL("../../../", import.meta.url));
var runnerScript = path.join(packageRoot, "runners", "python", "runner.py");
var bundledPythonDir = path.join(packageRoot, "python");

export {
  runnerScript,
  bundledPythonDir
};

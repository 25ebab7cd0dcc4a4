// src/project/discover.ts
import { readdir, realpath, stat } from "node:fs/promises";
import { join } from "node:path";
var STEP_FILE = /[._]step\.(?:[cm]?ts|[cm]?js|py|rb)$/;
var SKIPPED_DIRS = /* @__PURE__ */ new Set(["node_modules", "__pycache__", "python_modules"]);
var STEP_DIRS = ["steps", "src"];
async function discoverStepFiles(root) {
  const found = [];
  for (const dir of STEP_DIRS) await walk(join(root, dir), found, []);
  return (await onePathPerFile(found)).sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
}
async function onePathPerFile(files) {
  const byRealPath = /* @__PURE__ */ new Map();
  for (const file of files) {
    const real = await realpath(file).catch(() => file);
    if (!byRealPath.has(real) || file === real) byRealPath.set(real, file);
  }
  return [...byRealPath.values()];
}
async function walk(dir, found, above) {
  const real = await realpath(dir).catch(() => dir);
  if (above.includes(real)) return;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (error.code === "ENOENT" || error.code === "ENOTDIR") return;
    throw error;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const isDirectory = entry.isDirectory() || entry.isSymbolicLink() && (await stat(path).catch(() => void 0))?.isDirectory();
    if (isDirectory) {
      if (!entry.name.startsWith(".") && !SKIPPED_DIRS.has(entry.name)) await walk(path, found, [...above, real]);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && STEP_FILE.test(entry.name)) {
      found.push(path);
    }
  }
}

// src/project/relative-path.ts
import { isAbsolute, relative, sep } from "node:path";
function relativePath(root, filePath) {
  const rel = isAbsolute(filePath) ? relative(root, filePath) : filePath;
  return sep === "/" ? rel : rel.split(sep).join("/");
}

export {
  discoverStepFiles,
  relativePath
};

import {
  MIN_PYTHON,
  findPython,
  isTooOld,
  present,
  probePython,
  tooOldError,
  venvPython
} from "./chunk-IHWIQ7GL.js";
import "./chunk-OVUCM73P.js";
export {
  MIN_PYTHON,
  findPython,
  isTooOld,
  present,
  probePython,
  tooOldError,
  venvPython
};

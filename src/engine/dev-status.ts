import type { StepProblem } from '../errors.js'

/** `GET /__motia/dev/status`: what the Workbench shows about loading and reloading the project. */
export interface DevStatus {
  mode: 'dev' | 'run'
  /** Grows by one with every reload that changed the running app; 0 after the start. */
  generation: number
  /** Epoch ms of the last reload, absent before the first. */
  reloadedAt?: number
  /** Files that do not load now (paths relative to the root). In `dev` the other steps serve, and a broken edit keeps its step's previous version. */
  problems: StepProblem[]
}

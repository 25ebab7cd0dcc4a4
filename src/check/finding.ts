// What `motia check` reports: findings with a stable code, grouped by how bad they are.

/** One problem `motia check` found. `code` is stable: CI scripts may filter on it. */
export interface Finding {
  /** `step-config`, `topic-conflict`, `unconnected-topic`, `generated-file-stale`, `tsc`, `mypy`, ... */
  code: string
  message: string
  /** Relative to the project root, with `/` separators. */
  file?: string
  line?: number
}

export interface Findings {
  /** Make `motia check` exit 1. */
  errors: Finding[]
  /** Printed; the exit code stays 0. */
  warnings: Finding[]
  /** What was not checked and how to enable it: one line each. */
  info: string[]
}

export const noFindings = (): Findings => ({ errors: [], warnings: [], info: [] })

export function addFindings(into: Findings, more: Partial<Findings>): void {
  into.errors.push(...(more.errors ?? []))
  into.warnings.push(...(more.warnings ?? []))
  into.info.push(...(more.info ?? []))
}

export type { Finding, Findings } from './finding.js'
export { findingLines, findingsJson } from './format-findings.js'
export { type CheckOptions, runCheck } from './run-check.js'
export { staleGeneratedFiles } from './stale-generated-files.js'

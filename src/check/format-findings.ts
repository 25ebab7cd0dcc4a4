// Findings as a person reads them (errors, then warnings, then what was skipped, then a count) or as JSON.
import type { Finding, Findings } from './finding.js'

export function findingLines(findings: Findings): string[] {
  return [
    ...findings.errors.map((finding) => `error ${describe(finding)}`),
    ...findings.warnings.map((finding) => `warning ${describe(finding)}`),
    ...findings.info.map((line) => `info ${line}`),
    `motia check: ${count(findings.errors.length, 'error')}, ${count(findings.warnings.length, 'warning')}`,
  ]
}

/** `{ errors, warnings, info }`, each finding `{ code, message, file?, line? }`. */
export function findingsJson(findings: Findings): string {
  return JSON.stringify(findings, null, 2)
}

function describe({ code, message, file, line }: Finding): string {
  const where = file === undefined ? '' : `${file}${line === undefined ? '' : `:${line}`}: `
  return `[${code}] ${where}${message}`
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`

/** `0.42 ms`, `12 ms`, `1.25 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`
  if (ms < 1000) return `${Math.round(ms)} ms`
  return `${(ms / 1000).toFixed(2)} s`
}

const SHORT_LANGUAGE: Record<string, string> = { typescript: 'TS', javascript: 'JS', python: 'PY' }

export const shortLanguage = (language: string): string => SHORT_LANGUAGE[language] ?? language

export function formatClock(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString(undefined, { hour12: false })
}

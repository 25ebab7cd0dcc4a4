/** Percentile of an already sorted array (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]!
}

export interface RunFigures {
  label: string
  count: number
  seconds: number
  perSecond: number
  p50Ms: number
  p99Ms: number
}

export function figures(label: string, latenciesMs: number[], seconds: number): RunFigures {
  const sorted = [...latenciesMs].sort((a, b) => a - b)
  return { label, count: sorted.length, seconds, perSecond: sorted.length / seconds, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) }
}

export function printFigures(rows: RunFigures[], unit: string): void {
  for (const row of rows) {
    console.log(
      `${row.label.padEnd(44)} ${Math.round(row.perSecond).toLocaleString('en-US').padStart(9)} ${unit}/s   p50 ${row.p50Ms.toFixed(2)} ms   p99 ${row.p99Ms.toFixed(2)} ms   (${row.count} in ${row.seconds.toFixed(2)} s)`,
    )
  }
}

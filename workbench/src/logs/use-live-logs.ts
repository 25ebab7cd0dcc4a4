// The lines matching the filters: those held by the server, then each new one as it is logged.
import { useEffect, useState } from 'preact/hooks'
import { fetchLogs, followLogs, type LogFilters, type LogLine } from './api.js'

/** Lines kept in the page, like the server's ring. */
const MAX_LINES = 2000

export function useLiveLogs(filters: LogFilters): { lines: LogLine[]; error?: string } {
  const [lines, setLines] = useState<LogLine[]>([])
  const [error, setError] = useState<string>()

  useEffect(() => {
    let stop: (() => void) | undefined
    let closed = false
    // A burst of lines is one render per frame, not one per line.
    let pending: LogLine[] = []
    let frame = 0
    const flush = () => {
      frame = 0
      const batch = pending
      pending = []
      // A seq that goes back: `motia dev` restarted, and the stream resumed with the new process's lines.
      setLines((current) => {
        const restartAt = batch.findIndex((line, index) => line.seq <= (index === 0 ? (current.at(-1)?.seq ?? 0) : batch[index - 1]!.seq))
        return (restartAt === -1 ? [...current, ...batch] : batch.slice(restartAt)).slice(-MAX_LINES)
      })
    }
    setLines([])
    fetchLogs(filters).then(
      ({ logs, last }) => {
        if (closed) return
        setError(undefined)
        setLines(logs.slice(-MAX_LINES))
        stop = followLogs(filters, last, (line) => {
          pending.push(line)
          frame ||= requestAnimationFrame(flush)
        })
      },
      (failure: Error) => setError(failure.message),
    )
    return () => {
      closed = true
      stop?.()
      if (frame) cancelAnimationFrame(frame)
    }
  }, [filters.step, filters.traceId, filters.level])

  return { lines, error }
}

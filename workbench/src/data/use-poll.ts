import { useCallback, useEffect, useRef, useState } from 'preact/hooks'

export interface Polled<T> {
  data: T | undefined
  error: string | undefined
  /** Fetches now (after an edit), without waiting for the next tick. */
  reload: () => Promise<void>
}

/**
 * `load()` now and every `intervalMs` while the view is shown, one request at a time; a new `key`
 * (another group, another stream) starts over. The data views poll: the admin endpoints are loopback-cheap.
 */
export function usePoll<T>(load: (() => Promise<T>) | undefined, key: string, intervalMs = 1000): Polled<T> {
  const [data, setData] = useState<T | undefined>(undefined)
  const [error, setError] = useState<string | undefined>(undefined)
  const loadRef = useRef(load)
  loadRef.current = load
  const generation = useRef(0)

  const reload = useCallback(async () => {
    const current = loadRef.current
    const mine = generation.current
    if (!current) return
    try {
      const value = await current()
      if (mine !== generation.current) return
      setData(value)
      setError(undefined)
    } catch (failure) {
      if (mine !== generation.current) return
      setError(failure instanceof Error ? failure.message : String(failure))
    }
  }, [])

  useEffect(() => {
    generation.current++
    setData(undefined)
    setError(undefined)
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const tick = async () => {
      await reload()
      if (!stopped) timer = setTimeout(tick, intervalMs)
    }
    void tick()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [key, intervalMs, reload])

  return { data, error, reload }
}

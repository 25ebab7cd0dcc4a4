import { useEffect, useState } from 'preact/hooks'
import { type StatusSnapshot, watchDevStatus } from './dev-status.js'

/** The status of `motia dev`, re-rendering on every change. */
export function useDevStatus(): StatusSnapshot {
  const [snapshot, setSnapshot] = useState<StatusSnapshot>({ disconnected: false })
  useEffect(() => watchDevStatus(setSnapshot), [])
  return snapshot
}

/**
 * The app's reload generation: it grows by one with every reload that changed the running app. Put it in
 * the dependencies of the effect that fetches a view's data, and the view refetches after each reload.
 *
 * @example
 * const generation = useReloadGeneration()
 * useEffect(() => void getJson('/__motia/flows').then(setFlows), [generation])
 */
export function useReloadGeneration(): number {
  return useDevStatus().status?.generation ?? 0
}

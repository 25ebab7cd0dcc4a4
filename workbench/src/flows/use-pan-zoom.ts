// Pan (drag the background) and zoom (the wheel, around the pointer) of the flow graph.
import { useCallback, useState } from 'preact/hooks'
import type { Point, Size } from './types.js'

export interface Viewport {
  x: number
  y: number
  scale: number
}

const MIN_SCALE = 0.2
const MAX_SCALE = 2.5

export function usePanZoom() {
  const [viewport, setViewport] = useState<Viewport>({ x: 40, y: 40, scale: 1 })

  const onWheel = useCallback((event: WheelEvent) => {
    event.preventDefault()
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect()
    const pointer = { x: event.clientX - rect.left, y: event.clientY - rect.top }
    setViewport((current) => {
      const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, current.scale * Math.exp(-event.deltaY / 500)))
      // The point under the pointer stays under it.
      const ratio = scale / current.scale
      return { scale, x: pointer.x - (pointer.x - current.x) * ratio, y: pointer.y - (pointer.y - current.y) * ratio }
    })
  }, [])

  const onBackgroundPointerDown = useCallback((event: PointerEvent) => {
    if (event.target !== event.currentTarget || event.button !== 0) return
    const target = event.currentTarget as HTMLElement
    target.setPointerCapture(event.pointerId)
    let last = { x: event.clientX, y: event.clientY }
    const move = (moved: PointerEvent) => {
      const dx = moved.clientX - last.x
      const dy = moved.clientY - last.y
      last = { x: moved.clientX, y: moved.clientY }
      setViewport((current) => ({ ...current, x: current.x + dx, y: current.y + dy }))
    }
    const up = () => {
      target.removeEventListener('pointermove', move)
      target.removeEventListener('pointerup', up)
    }
    target.addEventListener('pointermove', move)
    target.addEventListener('pointerup', up)
  }, [])

  /** Shows the whole graph (`bounds`) in `area`, at most at full size. */
  const fitTo = useCallback((bounds: Point & Size, area: Size) => {
    const margin = 40
    const scale = Math.min(1, (area.width - 2 * margin) / Math.max(bounds.width, 1), (area.height - 2 * margin) / Math.max(bounds.height, 1))
    const clamped = Math.max(MIN_SCALE, scale)
    setViewport({ scale: clamped, x: (area.width - bounds.width * clamped) / 2 - bounds.x * clamped, y: margin - bounds.y * clamped })
  }, [])

  return { viewport, onWheel, onBackgroundPointerDown, fitTo }
}

// In the top bar: when the app last reloaded (`data-generation` tells tests which reload is serving).
import { useDevStatus } from './reload.js'

export function ReloadBadge() {
  const { status, disconnected } = useDevStatus()
  if (!status) return null
  const when = status.reloadedAt === undefined ? 'no reload yet' : `reloaded ${new Date(status.reloadedAt).toLocaleTimeString()}`
  return (
    <span class={disconnected ? 'reload-badge offline' : 'reload-badge'} data-generation={status.generation} title={`Reload generation ${status.generation}`}>
      <span class="dot" />
      {status.mode} · {when}
    </span>
  )
}

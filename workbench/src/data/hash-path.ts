// A data view's selection lives in the hash after the view id (`#/state/<group>`, `#/streams/<name>/<group>`),
// each segment URL-encoded: group ids may hold any character, `/` included.
import { useEffect, useState } from 'preact/hooks'

function read(): string[] {
  const [, ...rest] = location.hash.replace(/^#\/?/, '').split('/')
  return rest.filter((part) => part !== '').map((part) => decodeURIComponent(part))
}

/** The selected path below `#/<view>`, and a setter that writes it back to the hash. */
export function useHashPath(view: string): [string[], (path: string[]) => void] {
  const [path, setPath] = useState(read)
  useEffect(() => {
    const onHash = () => setPath(read())
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  const select = (next: string[]) => {
    location.hash = `#/${[view, ...next.map((part) => encodeURIComponent(part))].join('/')}`
  }
  return [path, select]
}

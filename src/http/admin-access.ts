import { createHash, timingSafeEqual } from 'node:crypto'
import type { AdminAccess } from './options.js'

/** `allow`: serve it; `unauthorized`: 401; `absent`: answer 404 as if `/__motia/*` did not exist. */
export type AdminDecision = 'allow' | 'unauthorized' | 'absent'

const BEARER = /^\s*bearer\s+(\S+)\s*$/i

/** Decides admin access from the `Authorization` header (DESIGN.md §6). An empty token counts as none. */
export function adminGate(access: AdminAccess): (authorization: string | undefined) => AdminDecision {
  if (access.open) return () => 'allow'
  if (!access.token) return () => 'absent'
  // Comparing fixed-length digests keeps the comparison constant-time whatever the lengths.
  const expected = digest(access.token)
  return (authorization) => {
    const match = authorization === undefined ? null : BEARER.exec(authorization)
    if (match === null) return 'unauthorized'
    return timingSafeEqual(digest(match[1]!), expected) ? 'allow' : 'unauthorized'
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest()
}

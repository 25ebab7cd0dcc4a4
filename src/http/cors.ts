// Motia v0.x compat: every response, errors included, carries these (server.ts in @motiadev/core 0.17).
export const CORS_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'access-control-allow-origin': '*',
  'access-control-allow-methods': '*',
  'access-control-allow-headers': '*',
  'access-control-max-age': '600',
  'access-control-allow-credentials': 'true',
  'access-control-allow-private-network': 'true',
})

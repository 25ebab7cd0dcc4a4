// Loopback names and addresses: what a bind host or a `Host` header may be for the admin endpoints to
// open without a token (a page elsewhere on the network, or a DNS-rebound name, is neither).

const IPV4_LOOPBACK = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

/** `localhost`, `*.localhost` (RFC 6761), 127.0.0.0/8, `::1` (bare or bracketed), `::ffff:127.x.y.z`. */
export function isLoopbackHost(host: string): boolean {
  let name = host.toLowerCase()
  if (name.startsWith('[') && name.endsWith(']')) name = name.slice(1, -1)
  if (name.endsWith('.')) name = name.slice(0, -1)
  if (name === 'localhost' || name.endsWith('.localhost')) return true
  if (name === '::1' || name === '0:0:0:0:0:0:0:1') return true
  if (name.startsWith('::ffff:')) name = name.slice('::ffff:'.length)
  const octets = IPV4_LOOPBACK.exec(name)
  return octets?.slice(1).every((octet) => Number(octet) <= 255) === true
}

/** The host part of a `Host` header value: `localhost:3000` -> `localhost`, `[::1]:3000` -> `[::1]`. */
export function hostOfHeader(header: string): string {
  if (header.startsWith('[')) {
    const end = header.indexOf(']')
    return end === -1 ? header : header.slice(0, end + 1)
  }
  const colon = header.indexOf(':')
  return colon === -1 ? header : header.slice(0, colon)
}

import { readFileSync } from 'node:fs'
import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import { resolve } from 'node:path'
import type { Duplex } from 'node:stream'
import type { OtlpTls } from './settings.js'

// Not one of the network error codes the SDK retries (ECONNRESET, ...): a request ended by shutdown is
// not sent again.
export const SHUT_DOWN = 'the OTLP exporter was shut down'

/**
 * The exporter's HTTP(S) agent, ours so that `destroy()` can end a request the collector never answers:
 * otherwise it keeps the process alive until the export timeout, after the app has stopped.
 */
export class ExportAgent {
  private agent: HttpAgent | undefined
  private readonly sockets = new Set<Duplex>()
  private closed = false

  constructor(
    private readonly tls: OtlpTls,
    private readonly warn: (message: string) => void,
  ) {}

  /** The SDK's `httpAgentOptions` factory. */
  readonly factory = (protocol: string): HttpAgent => {
    this.agent ??= this.tracked(protocol === 'http:' ? new HttpAgent({ keepAlive: true }) : new HttpsAgent({ keepAlive: true, ...this.tlsFiles() }))
    return this.agent
  }

  /** Ends the requests in flight (they fail, and are not retried) and the idle sockets. */
  destroy(): void {
    this.closed = true
    for (const socket of this.sockets) socket.destroy(new Error(SHUT_DOWN))
    this.agent?.destroy()
  }

  // http.Agent lists its sockets per origin in undocumented fields: knowing them takes a wrapper.
  private tracked(agent: HttpAgent): HttpAgent {
    const create = agent.createConnection.bind(agent)
    agent.createConnection = (options, callback) => {
      const socket = create(options, callback)
      // A connection opened after shutdown (a retry that was waiting) ends at once; on the next turn, once
      // its request listens for the error.
      if (socket && this.closed) setImmediate(() => socket.destroy(new Error(SHUT_DOWN)))
      else if (socket) {
        this.sockets.add(socket)
        socket.once('close', () => this.sockets.delete(socket))
      }
      return socket
    }
    return agent
  }

  // Per the OTLP exporter spec: a CA bundle, and a client key and certificate for mutual TLS, as file paths.
  private tlsFiles(): { ca?: Buffer; cert?: Buffer; key?: Buffer } {
    const files: { ca?: Buffer; cert?: Buffer; key?: Buffer } = {}
    for (const [option, path] of Object.entries(this.tls) as [keyof OtlpTls, string | undefined][]) {
      if (path === undefined) continue
      try {
        files[option] = readFileSync(resolve(path))
      } catch (error) {
        this.warn(`OTLP export: cannot read the TLS file ${path} (${(error as Error).message}): fix OTEL_EXPORTER_OTLP_CERTIFICATE, _CLIENT_CERTIFICATE or _CLIENT_KEY.`)
      }
    }
    return files
  }
}

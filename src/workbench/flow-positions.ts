// Node positions of the flow graphs, kept in the project's `motia-workbench.json` in Motia v0.x's format
// (reference §7): `[{ "id": "<flow>", "config": { "<step file, relative to the root>": { "x", "y", "sourceHandlePosition"? } } }]`.
// Users commit that file, so a save keeps every flow, entry key and node it does not change.
import { randomBytes } from 'node:crypto'
import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export const WORKBENCH_FILE = 'motia-workbench.json'

export interface NodePosition {
  x: number
  y: number
  /** Motia v0.x's React Flow handle side (`bottom`, `right`, ...), kept as given. */
  sourceHandlePosition?: string
  [key: string]: unknown
}

/** One flow's positions, by step file path relative to the project root. */
export type FlowLayout = Record<string, NodePosition>

/** A `motia-workbench.json` that cannot be read as v0.x's list: it is left alone, and the message says what to fix. */
export class WorkbenchFileError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'WorkbenchFileError'
  }
}

/** Reads and saves flow layouts in `<root>/motia-workbench.json`; saves run one at a time, each an atomic replace. */
export class FlowLayouts {
  readonly path: string
  private saving: Promise<unknown> = Promise.resolve()

  constructor(root: string) {
    this.path = join(root, WORKBENCH_FILE)
  }

  /** The saved layout of `flowId`: empty when the file or the flow has none. */
  async read(flowId: string): Promise<FlowLayout> {
    const entries = await this.entries()
    const entry = entries.find((candidate) => candidate.id === flowId)
    return isRecord(entry?.config) ? (entry.config as FlowLayout) : {}
  }

  /** Merges `layout` into the flow's saved one (nodes it does not name keep their place). */
  save(flowId: string, layout: FlowLayout): Promise<void> {
    const next = this.saving.then(() => this.write(flowId, layout))
    this.saving = next.catch(() => undefined)
    return next
  }

  private async write(flowId: string, layout: FlowLayout): Promise<void> {
    const entries = await this.entries()
    const entry = entries.find((candidate) => candidate.id === flowId)
    if (entry) entry.config = { ...(isRecord(entry.config) ? entry.config : {}), ...layout }
    else entries.push({ id: flowId, config: layout })
    // Temp file + rename: a crash mid-write never leaves a half-written file for git to show.
    const temp = `${this.path}.${randomBytes(6).toString('hex')}.tmp`
    try {
      await writeFile(temp, `${JSON.stringify(entries, null, 2)}\n`)
      await rename(temp, this.path)
    } catch (error) {
      await rm(temp, { force: true })
      throw error
    }
  }

  private async entries(): Promise<{ id: unknown; config?: unknown; [key: string]: unknown }[]> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw error
    }
    if (text.trim() === '') return []
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (error) {
      throw new WorkbenchFileError(`${WORKBENCH_FILE} is not valid JSON (${(error as Error).message}): fix it or delete it to save node positions again.`)
    }
    if (!Array.isArray(parsed) || !parsed.every(isRecord)) {
      throw new WorkbenchFileError(`${WORKBENCH_FILE} must be a list of \`{ "id": "<flow>", "config": { ... } }\`, as Motia v0.x writes it: fix it or delete it to save node positions again.`)
    }
    return parsed as { id: unknown; config?: unknown }[]
  }
}

/** The layout in a request body, or the message saying what is wrong with it. */
export function checkFlowLayout(body: unknown): FlowLayout | string {
  const shape = 'Send `{ "<step file path>": { "x": number, "y": number, "sourceHandlePosition"?: string } }` with `Content-Type: application/json`.'
  if (!isRecord(body)) return `Invalid layout: expected an object of node positions. ${shape}`
  for (const [path, position] of Object.entries(body)) {
    const bad = `Invalid position for ${JSON.stringify(path)}`
    if (!isRecord(position)) return `${bad}: expected an object. ${shape}`
    if (!Number.isFinite(position.x) || !Number.isFinite(position.y)) return `${bad}: \`x\` and \`y\` must be finite numbers. ${shape}`
    if (position.sourceHandlePosition !== undefined && typeof position.sourceHandlePosition !== 'string') {
      return `${bad}: \`sourceHandlePosition\` must be a string. ${shape}`
    }
  }
  return body as FlowLayout
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

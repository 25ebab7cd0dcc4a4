import type { LogSink } from '../logger/log-sink.js'
import { FlowLayouts } from './flow-positions.js'
import { LogRing } from './log-ring.js'
import { LogStreams } from './log-stream.js'

/** What the Workbench's own admin endpoints read and write (`motia dev` only). */
export interface WorkbenchData {
  /** Node positions, in the project's motia-workbench.json. */
  layouts: FlowLayouts
  /** The last log records of the process. */
  logs: LogRing
  /** Live log streams, ended at shutdown. */
  logStreams: LogStreams
}

/** The Workbench's data for the app in `root`: the log ring is fed by `sink` from now on. */
export function workbenchData(root: string, sink: LogSink, debug: (message: string) => void): WorkbenchData {
  const logs = new LogRing()
  sink.onRecord(logs.record)
  return { layouts: new FlowLayouts(root), logs, logStreams: new LogStreams(logs, { onDrop: debug }) }
}

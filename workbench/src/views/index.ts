import type { ComponentType } from 'preact'
import { DeadLettersView } from './dead-letters.js'
import { EndpointsView } from './endpoints.js'
import { FlowsView } from './flows.js'
import { LogsView } from './logs.js'
import { StateView } from './state.js'
import { StreamsView } from './streams.js'
import { TracesView } from './traces.js'

export interface View {
  /** The hash route: `#/flows`. */
  id: string
  title: string
  component: ComponentType
}

/** The Workbench's tabs, in the order shown. */
export const VIEWS: View[] = [
  { id: 'flows', title: 'Flows', component: FlowsView },
  { id: 'endpoints', title: 'Endpoints', component: EndpointsView },
  { id: 'logs', title: 'Logs', component: LogsView },
  { id: 'traces', title: 'Traces', component: TracesView },
  { id: 'state', title: 'State', component: StateView },
  { id: 'streams', title: 'Streams', component: StreamsView },
  { id: 'dead-letters', title: 'Dead letters', component: DeadLettersView },
]

// The project's steps as the app loads them (plugin and Python steps included), read once per project and environment:
// what the unit helper needs to know who subscribes to what. The runners are stopped once the configs are read.
import { resolve } from 'node:path'
import { MemoryStreamStore } from '../adapters/memory/index.js'
import { loadProjectWithoutApp } from '../engine/project-without-app.js'
import { buildTopicIndex, type Subscriber } from '../engine/topic-index.js'
import { fdOutput } from '../logger/log-output.js'
import { LogSink } from '../logger/log-sink.js'
import type { Step } from '../project/step.js'
import { AppStreams } from '../streams/app-streams.js'

export interface ProjectSteps {
  root: string
  steps: Step[]
  topics: Map<string, Subscriber[]>
  undeclaredEmits?: 'error' | 'warn'
  /** Fresh in-memory streams of the project's stream files, one set per context. */
  newStreams(): AppStreams
}

const cache = new Map<string, Promise<ProjectSteps>>()

export function projectSteps(root: string, env: NodeJS.ProcessEnv | undefined): Promise<ProjectSteps> {
  const absolute = resolve(root)
  // Keyed by environment too: MOTIA_PYTHON may change which interpreter reads the Python configs.
  const key = `${absolute}\0${env?.MOTIA_PYTHON ?? ''}`
  let loading = cache.get(key)
  if (!loading) {
    loading = load(absolute, env ?? process.env)
    // A failed load is not kept: the next call tries again (after the test fixed the project).
    loading.catch(() => cache.delete(key))
    cache.set(key, loading)
  }
  return loading
}

async function load(root: string, env: NodeJS.ProcessEnv): Promise<ProjectSteps> {
  // Only errors reach the test's output (a runner that failed), on standard error.
  const sink = new LogSink({ level: 'error', pretty: Boolean(process.stderr.isTTY), output: fdOutput(2) })
  const { steps, streams, config } = await loadProjectWithoutApp(root, env, sink)
  return {
    root,
    steps,
    topics: buildTopicIndex(steps),
    undeclaredEmits: config?.compat?.undeclaredEmits,
    newStreams: () => new AppStreams(streams, new MemoryStreamStore(), { strict: false, warn: () => undefined, onListenerError: () => undefined }),
  }
}

// The project's steps as the app loads them (Python's included), read once per project and environment:
// what the unit helper needs to know who subscribes to what. The runners are stopped once the configs are read.
import { resolve } from 'node:path'
import { MemoryStreamStore } from '../adapters/memory/index.js'
import { loadProjectConfig } from '../config/load-config.js'
import { buildTopicIndex, type Subscriber } from '../engine/topic-index.js'
import { NodeLanguage } from '../languages/node/index.js'
import { PythonLanguage } from '../languages/python/index.js'
import { loadStepsAndStreams } from '../project/load-project.js'
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
  const languages = [new NodeLanguage(), new PythonLanguage({ root, env })]
  try {
    const config = await loadProjectConfig(root)
    const { steps, streams } = await loadStepsAndStreams(root, languages, env)
    return {
      root,
      steps,
      topics: buildTopicIndex(steps),
      undeclaredEmits: config?.config.compat?.undeclaredEmits,
      newStreams: () => new AppStreams(streams, new MemoryStreamStore(), { strict: false, warn: () => undefined, onListenerError: () => undefined }),
    }
  } finally {
    await Promise.allSettled(languages.map((language) => language.close()))
  }
}

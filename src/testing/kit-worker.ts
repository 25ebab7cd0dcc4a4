// The kit's worker thread: the app and the project's step files live here, loaded by Node itself with
// tsx's hooks as `motia` loads them, outside the test runner's module registry (jest's cannot import
// TypeScript step files, nor register loader hooks). The test's thread drives it (kit-thread.ts).
import { parentPort } from 'node:worker_threads'
import { MotiaApp } from '../engine/app.js'
import { createEmitter } from '../engine/emitter.js'
import { contextStreams } from '../engine/streams.js'
import { MotiaError } from '../errors.js'
import type { Step } from '../project/step.js'
import type { EmitEvent, FlowContext } from '../types.js'
import { discardingQueue } from './discarding-queue.js'
import type { AppOptions, KitCall, KitMessage, ProjectRef } from './kit-protocol.js'
import { projectSteps, type ProjectSteps } from './project-steps.js'
import { type CapturedEvent, capturedEvent } from './watchers.js'

const port = parentPort
if (!port) throw new Error('kit-worker.ts runs as a worker thread of motia/testing')

const POLL_MS = 10
let app: MotiaApp | undefined
const streams = new Map<number, FlowContext['streams']>()

port.on('message', (call: KitCall) => {
  answer(call).then(
    (value) => port.postMessage({ id: call.id, ok: true, value } satisfies KitMessage),
    (error: unknown) => port.postMessage({ id: call.id, ok: false, error: sendable(error) } satisfies KitMessage),
  )
})

async function answer(call: KitCall): Promise<unknown> {
  switch (call.op) {
    case 'start':
      return startApp(call.args)
    case 'emit':
      return startedApp().emit(call.args.topic, call.args.data, call.args.traceId, call.args.messageGroupId)
    case 'waitEvents':
      return waitUntilIdle(startedApp(), call.args.timeoutMs)
    case 'log':
      return startedApp().logger[call.args.level](call.args.message, call.args.fields as Record<string, unknown>)
    case 'close':
      await app?.close()
      return undefined
    case 'stepContext': {
      const { step } = await findStep(call.args)
      return { flows: step.config.flows ?? [], streams: Object.keys((await loaded(call.args)).newStreams().streams) }
    }
    case 'stepEmit': {
      const { step, project } = await findStep(call.args)
      return recordEmit(project, step, call.args.event as EmitEvent, call.args.traceId)
    }
    case 'stream': {
      let own = streams.get(call.args.contextId)
      if (!own) streams.set(call.args.contextId, (own = contextStreams((await loaded(call.args)).newStreams().streams)))
      const stream = own[call.args.stream] as unknown as Record<string, (...args: unknown[]) => unknown>
      return stream[call.args.method]!(...call.args.args)
    }
  }
}

async function startApp(options: AppOptions): Promise<{ port: number }> {
  app = new MotiaApp({
    ...options,
    mode: 'dev',
    // A test runs the project as it is: one that does not load fails the tester, as `motia run` would.
    reload: false,
    host: '127.0.0.1',
    port: 0,
    memory: true,
    onEmit: (event) => {
      const emitted = capturedEvent(event)
      try {
        port!.postMessage({ emitted } satisfies KitMessage)
      } catch {
        // Not structured-cloneable (a function, a class instance): the watchers get its JSON form.
        port!.postMessage({ emitted: JSON.parse(JSON.stringify(emitted)) } satisfies KitMessage)
      }
    },
  })
  return { port: (await app.start()).port }
}

function startedApp(): MotiaApp {
  if (!app) throw new Error('motia/testing: the app is not started')
  return app
}

async function waitUntilIdle(running: MotiaApp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const held = running.heldMessages ?? 0
    if (held === 0) return
    if (Date.now() >= deadline) {
      throw new Error(
        `waitEvents(): ${held} event ${held === 1 ? 'delivery' : 'deliveries'} still pending, retrying or running after ${timeoutMs} ms. A handler may hang or keep failing; raise waitTimeoutMs in createMotiaTester() if it is only slow.`,
      )
    }
    await new Promise((done) => setTimeout(done, POLL_MS))
  }
}

function loaded(ref: ProjectRef): Promise<ProjectSteps> {
  return projectSteps(ref.project, ref.env)
}

async function findStep(ref: ProjectRef & { name: string }) {
  const project = await loaded(ref)
  const step = project.steps.find((candidate) => candidate.name === ref.name)
  if (!step) {
    const known = project.steps.map((candidate) => candidate.name).join(', ') || 'none'
    throw new MotiaError('E_BAD_OPTION', `No step named "${ref.name}" in ${project.root} (steps: ${known}). Pass the step's config or name, and the project folder as \`project\`.`, {
      retryable: false,
    })
  }
  return { step, project }
}

// The unit helper's emit: checks what the app checks, records instead of delivering.
async function recordEmit(project: ProjectSteps, step: Step, event: EmitEvent, traceId: string): Promise<CapturedEvent | undefined> {
  let captured: CapturedEvent | undefined
  const emit = createEmitter(project.topics, discardingQueue, {
    undeclaredEmits: project.undeclaredEmits,
    onEmit: (event) => {
      captured = capturedEvent(event)
    },
  })
  await emit(step, event, traceId)
  return captured
}

function sendable(error: unknown): { message: string; name: string; code?: string } {
  if (!(error instanceof Error)) return { message: String(error), name: 'Error' }
  const code = (error as { code?: unknown }).code
  return { message: error.message, name: error.name, ...(typeof code === 'string' ? { code } : {}) }
}

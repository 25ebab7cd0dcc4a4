// Runs motia.config.ts's plugins: each `(motia) => MotiaPlugin` is called once at start, before the
// steps load, and what it registers is served by the app.
import { join } from 'node:path'
import { MotiaError } from '../errors.js'
import type { HttpRoute } from '../http/server.js'
import { describeImportError } from '../languages/node/import-step.js'
import type { ApiRequest, ApiResponse, ApiRouteHandler, FlowContext, InternalStateManager, Logger, MotiaConfig, MotiaPlugin, PluginApiConfig } from '../types.js'
import { pluginStepFiles } from './plugin-steps.js'

/** What plugin routes need to build a handler context; available once the app has started. */
export type PluginServices = (traceId: string, pluginName: string) => FlowContext

export interface LoadedPlugins {
  /** One route per `registerApi` call. */
  routes: (services: PluginServices) => HttpRoute[]
  stepFiles: string[]
  shutdown(): Promise<void>
}

interface PluginHost {
  root: string
  fileName: string
  state: InternalStateManager
  loggerFor(pluginName: string): Logger
  newTraceId(): string
}

export async function loadPlugins(config: MotiaConfig, host: PluginHost): Promise<LoadedPlugins> {
  const registered: { name: string; api: PluginApiConfig; handler: ApiRouteHandler }[] = []
  const onShutdown: { name: string; run: () => void | Promise<void> }[] = []
  const stepFiles: string[] = []
  for (const [index, builder] of (config.plugins ?? []).entries()) {
    const name = builder.name ? `plugin:${builder.name}` : `plugin:${index}`
    const logger = host.loggerFor(name)
    let plugin: MotiaPlugin
    try {
      // Awaited: an async builder is as easy to support as to refuse.
      plugin = await builder({
        registerApi: (api, handler) => registered.push({ name, api: checkApi(api, handler, name, host.fileName), handler }),
        state: host.state,
        logger,
        printer: logger,
      })
    } catch (error) {
      if (error instanceof MotiaError) throw error
      // The line when the plugin is written in the config file itself.
      const { message, line } = describeImportError(error, join(host.root, host.fileName))
      const at = line === undefined ? host.fileName : `${host.fileName}:${line}`
      throw new MotiaError('E_BAD_OPTION', `${at}: ${name} failed while it was set up: ${message}`, { retryable: false, cause: error })
    }
    if (plugin === null || typeof plugin !== 'object') {
      throw new MotiaError('E_BAD_OPTION', `${host.fileName}: ${name} should return an object ({ workbench?, steps?, dirname?, onShutdown? }), got ${String(plugin)}`, {
        retryable: false,
      })
    }
    if (plugin.steps?.length) {
      const { files, missing } = pluginStepFiles(plugin.steps, plugin.dirname ?? host.root)
      if (missing.length > 0) logger.warn(`Plugin steps not found (nothing loaded from them): ${missing.join(', ')}`)
      stepFiles.push(...files)
    }
    if (typeof plugin.onShutdown === 'function') onShutdown.push({ name, run: plugin.onShutdown })
  }
  return {
    stepFiles,
    routes: (context) => registered.map(({ name, api, handler }) => pluginRoute(name, api, handler, context, host.newTraceId)),
    async shutdown() {
      for (const { name, run } of onShutdown) {
        try {
          await run()
        } catch (error) {
          host.loggerFor(name).error(`onShutdown failed: ${error instanceof Error ? error.message : String(error)}`)
        }
      }
    },
  }
}

function pluginRoute(name: string, api: PluginApiConfig, handler: ApiRouteHandler, context: PluginServices, newTraceId: () => string): HttpRoute {
  return {
    method: api.method ?? 'GET',
    path: api.path,
    handle: (request: ApiRequest): Promise<ApiResponse> => handler(request, context(newTraceId(), name)),
  }
}

function checkApi(api: PluginApiConfig, handler: unknown, name: string, fileName: string): PluginApiConfig {
  const path = (api as Partial<PluginApiConfig> | null)?.path
  if (typeof path !== 'string' || !path.startsWith('/') || typeof handler !== 'function') {
    throw new MotiaError('E_BAD_OPTION', `${fileName}: ${name} called registerApi without a path starting with "/" and a handler function`, { retryable: false })
  }
  return api
}

/** A state manager usable before the store exists: plugins get it at start, call it later. */
export function lateState(get: () => InternalStateManager | undefined): InternalStateManager {
  const state = (): InternalStateManager => {
    const current = get()
    if (!current) throw new MotiaError('E_BAD_OPTION', 'A plugin used state before the app started: use it in route handlers, not while the plugin is built', { retryable: false })
    return current
  }
  return {
    get: (groupId, key) => state().get(groupId, key),
    set: (groupId, key, value) => state().set(groupId, key, value),
    delete: (groupId, key) => state().delete(groupId, key),
    getGroup: (groupId) => state().getGroup(groupId),
    clear: (groupId) => state().clear(groupId),
  }
}

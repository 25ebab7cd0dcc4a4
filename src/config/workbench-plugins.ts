// Motia v0.x's Workbench plugins (`@motiadev/plugin-*/plugin`): motia has no Workbench, so each is a
// no-op that says so once, instead of a missing package that stops the app.
import type { MotiaPluginBuilder } from '../types.js'

/** The plugins answered, each by its module in ./workbench-plugins/. */
export const WORKBENCH_PLUGINS = ['states', 'endpoint', 'logs', 'observability', 'bullmq'] as const

export function workbenchOnly(packageName: string): MotiaPluginBuilder {
  const plugin: MotiaPluginBuilder = (motia) => {
    motia.logger.info(`${packageName} is a Workbench plugin and motia has no Workbench: it does nothing here`)
    return { workbench: [] }
  }
  // Its log lines say `plugin:@motiadev/plugin-states`.
  return Object.defineProperty(plugin, 'name', { value: packageName })
}

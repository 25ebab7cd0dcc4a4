// Motia v0.x's Workbench plugins (`@motiadev/plugin-*/plugin`): motia's own Workbench has each panel built
// in, so each plugin is a no-op that says where its panel is, instead of a missing package that stops the app.
import type { MotiaPluginBuilder } from '../types.js'

/** The plugins answered, each by its module in ./workbench-plugins/. */
export const WORKBENCH_PLUGINS = ['states', 'endpoint', 'logs', 'observability', 'bullmq'] as const

/** `view`: the built-in Workbench view that does the plugin's job. */
export function workbenchOnly(packageName: string, view: string): MotiaPluginBuilder {
  const plugin: MotiaPluginBuilder = (motia) => {
    motia.logger.info(`${packageName} is a v0.x Workbench plugin: motia's Workbench (\`motia dev\`) has its ${view} view built in, so the plugin does nothing here`)
    return { workbench: [] }
  }
  // Its log lines say `plugin:@motiadev/plugin-states`.
  return Object.defineProperty(plugin, 'name', { value: packageName })
}

// The modules Motia v0.x projects import and motia answers at run time (src/config/module-aliases.ts),
// declared for the type checker: a v0.x project that has only `motia` installed still type-checks.
// Referenced from dist/index.d.ts by scripts/build.js, so importing `motia` anywhere brings them in.

declare module '@motiadev/core' {
  export * from 'motia'
}

declare module '@motiadev/plugin-states/plugin' {
  const plugin: import('motia').MotiaPluginBuilder
  export default plugin
}

declare module '@motiadev/plugin-endpoint/plugin' {
  const plugin: import('motia').MotiaPluginBuilder
  export default plugin
}

declare module '@motiadev/plugin-logs/plugin' {
  const plugin: import('motia').MotiaPluginBuilder
  export default plugin
}

declare module '@motiadev/plugin-observability/plugin' {
  const plugin: import('motia').MotiaPluginBuilder
  export default plugin
}

declare module '@motiadev/plugin-bullmq/plugin' {
  const plugin: import('motia').MotiaPluginBuilder
  export default plugin
}

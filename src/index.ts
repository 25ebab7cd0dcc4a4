// The public face of `motia` (also `@motiadev/core` in motia.config.ts): step and config types, and
// the config helpers. Entry files only re-export.
export type * from './types.js'
export { config, defineConfig } from './config/define-config.js'

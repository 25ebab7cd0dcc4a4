// The public face of `motia`: step types for user step files. Entry files only re-export.
export type * from './types.js'

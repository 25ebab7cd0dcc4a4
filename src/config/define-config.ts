// `config()` / `defineConfig()`: what a motia.config.ts default-exports. Identity functions that type it.
import type { MotiaConfig } from '../types.js'

export function config<T extends MotiaConfig>(value: T): T {
  return value
}

export const defineConfig = config

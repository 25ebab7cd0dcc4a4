import { existsSync } from 'node:fs'
import { join } from 'node:path'

/** `.env` in the project root reaches config loading and handlers (Motia v0.x compat); variables already set win. */
export function loadDotEnv(root: string): void {
  const file = join(root, '.env')
  if (existsSync(file)) process.loadEnvFile(file)
}

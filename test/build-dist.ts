// vitest global setup: user projects in the tests resolve `motia` to dist/ (the package's exports),
// so dist/ is rebuilt first when a file under src/ is newer than it.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

export default function setup(): void {
  execFileSync(process.execPath, [join(import.meta.dirname, '../scripts/build.js'), '--if-stale'], { stdio: 'inherit' })
}

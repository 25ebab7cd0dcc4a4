// `motia create`: a new project from a template shipped in the package, then `npm install` in it.
import { readFileSync } from 'node:fs'
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { MotiaError } from '../errors.js'
import { motiaDependency } from './create-motia-dependency.js'
import { packageJson, packageName, tsconfigJson } from './create-manifest.js'
import { findTemplate, TEMPLATES_DIR, type Template } from './create-templates.js'
import { ensureGitignore } from './gitignore.js'

export interface CreateOptions {
  /** A template name, or its Motia v0.x name (`starter-typescript`, ...). */
  template: string
  /** Leave `npm install` (and so `motia install`) to the user. */
  skipInstall?: boolean
  /** The `motia` dependency to write; by default one pointing at the motia that runs (see motiaDependency). */
  motia?: string
  log(line: string): void
}

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url))

interface OwnManifest {
  version: string
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
}

/**
 * Writes a project from `options.template` into `dir` (created when missing; refused unless empty),
 * then runs `npm install` there unless `skipInstall`.
 *
 * @example
 * await createProject('/home/ada/my-app', { template: 'python', skipInstall: true, log: console.log })
 */
export async function createProject(dir: string, options: CreateOptions): Promise<void> {
  const template = findTemplate(options.template)
  await prepareFolder(dir)
  const own = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as OwnManifest
  const motia = options.motia ?? motiaDependency({ packageRoot: path.resolve(PACKAGE_ROOT), version: own.version, projectDir: dir })
  await writeProject(dir, template, motia, own)

  const shown = path.relative(process.cwd(), dir) || '.'
  options.log(`Created a ${template.name} project in ${shown} (motia dependency: ${motia}; another with --motia <spec>)`)
  if (!options.skipInstall) await npmInstall(dir, options.log)
  options.log('Next:')
  if (shown !== '.') options.log(`  cd ${shown}`)
  if (options.skipInstall) options.log(`  npm install      # ${installHint(template)}`)
  options.log('  npm run dev      # motia dev, on http://127.0.0.1:3000')
  options.log("  curl 'localhost:3000/hello?name=Ada'")
  const runners = [...(template.vitest ? ['vitest with motia/testing'] : []), ...(template.python ? ['pytest with motia.testing'] : [])]
  if (runners.length > 0) options.log(`  npm test         # the tests in tests/: ${runners.join(', ')}`)
}

function installHint(template: Template): string {
  const packages = ['motia', ...template.imports].join(' and ')
  return `installs ${packages}${template.python ? ', then `motia install` creates .venv for the Python steps' : ''}`
}

// An empty folder (or one holding only `.git`) is fine: anything else could be overwritten.
async function prepareFolder(dir: string): Promise<void> {
  let entries: string[]
  try {
    entries = await readdir(dir)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return void (await mkdir(dir, { recursive: true }))
    if (code === 'ENOTDIR') throw new MotiaError('E_BAD_OPTION', `${dir} is a file: give a folder name for the new project.`, { retryable: false })
    throw error
  }
  const present = entries.filter((entry) => entry !== '.git').sort()
  if (present.length > 0) {
    const listed = present.slice(0, 3).join(', ') + (present.length > 3 ? ', ...' : '')
    throw new MotiaError(
      'E_BAD_OPTION',
      `${dir} is not empty (it holds ${listed}): give a new folder name, e.g. \`motia create my-app\`, or empty this one.`,
      { retryable: false },
    )
  }
}

async function writeProject(dir: string, template: Template, motia: string, own: OwnManifest): Promise<void> {
  await cp(path.join(TEMPLATES_DIR, template.name), dir, { recursive: true, filter: (source) => !source.includes('__pycache__') })
  const name = packageName(path.basename(dir))
  const readme = path.join(dir, 'README.md')
  await writeFile(readme, (await readFile(readme, 'utf8')).replaceAll('{{name}}', name))
  const versions = { zod: own.dependencies?.zod ?? '^4', typescript: own.devDependencies?.typescript ?? '^5', vitest: own.devDependencies?.vitest ?? '^4' }
  await writeFile(path.join(dir, 'package.json'), packageJson({ name, template, motia, versions }))
  if (template.typescript) await writeFile(path.join(dir, 'tsconfig.json'), tsconfigJson())
  // npm never packs a file named .gitignore, so it is written here: node_modules, then motia's own entries.
  await writeFile(path.join(dir, '.gitignore'), 'node_modules\n')
  await ensureGitignore(dir)
}

async function npmInstall(dir: string, log: (line: string) => void): Promise<void> {
  log('Running npm install (its postinstall runs `motia install`)')
  const { execa } = await import('execa')
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const result = await execa(npm, ['install', '--no-fund', '--no-audit'], { cwd: dir, stdio: 'inherit', reject: false })
  if (result.failed) {
    const why = result.exitCode === undefined ? result.shortMessage : `exit ${result.exitCode}`
    throw new Error(`The project is in ${dir}, but \`npm install\` failed (${why}): fix the cause shown above (network, registry), then run \`npm install\` there.`)
  }
}

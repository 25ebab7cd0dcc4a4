// The generated files of a new project: package.json and tsconfig.json. (The steps, README.md and
// requirements.txt are copied from the template folder.)
import type { Template } from './create-templates.js'

/** Version ranges taken from motia's own package.json, so a new project gets what motia is tested with. */
export interface KnownVersions {
  zod: string
  typescript: string
  vitest: string
}

/** A valid npm package name from a folder name: `My App!` gives `my-app`. */
export function packageName(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[-._]+|-+$/g, '')
  return name.slice(0, 214) || 'motia-app'
}

export function packageJson(options: { name: string; template: Template; motia: string; versions: KnownVersions }): string {
  const { name, template, motia, versions } = options
  const dependencies: Record<string, string> = { motia }
  if (template.imports.includes('zod')) dependencies.zod = versions.zod
  // pytest runs in the project's .venv, which `motia install` creates with requirements.txt (pytest among them).
  const testCommands = [...(template.vitest ? ['vitest run --dir tests'] : []), ...(template.python ? ['.venv/bin/python -m pytest tests'] : [])]
  const devDependencies: Record<string, string> = {}
  if (template.typescript) devDependencies.typescript = versions.typescript
  if (template.vitest) devDependencies.vitest = versions.vitest
  const manifest = {
    name,
    version: '0.1.0',
    private: true,
    type: 'module',
    scripts: {
      dev: 'motia dev',
      start: 'motia run',
      // Motia v0.x projects run it too: creates .venv for Python steps, else only checks .gitignore.
      postinstall: 'motia install',
      ...(template.typescript ? { typecheck: 'tsc --noEmit' } : {}),
      ...(testCommands.length > 0 ? { test: testCommands.join(' && ') } : {}),
    },
    dependencies,
    ...(Object.keys(devDependencies).length > 0 ? { devDependencies } : {}),
  }
  return `${JSON.stringify(manifest, null, 2)}\n`
}

// Steps are loaded by tsx, with no build: no emit, bundler-style resolution (relative imports
// need no extension), and isolated modules as esbuild compiles each file on its own.
export function tsconfigJson(): string {
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      lib: ['ES2023'],
      strict: true,
      noEmit: true,
      isolatedModules: true,
      esModuleInterop: true,
      resolveJsonModule: true,
      skipLibCheck: true,
    },
    include: ['src/**/*.ts', 'steps/**/*.ts', 'tests/**/*.ts', 'motia.config.ts', 'types.d.ts'],
  }
  return `${JSON.stringify(tsconfig, null, 2)}\n`
}

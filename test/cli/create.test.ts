// `motia create` as users run it: a real `motia` process writing into real folders. That the
// projects it writes start and answer is test/e2e/create-project.test.ts.
import { execa } from 'execa'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MOTIA_BIN, REPO } from '../helpers/motia-process.js'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'motia-create-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const create = (args: string[], cwd = dir, env: Record<string, string> = {}) => execa('node', [MOTIA_BIN, 'create', ...args], { cwd, reject: false, env })

/** A stand-in `npm` first on PATH: records where and how it ran, then exits with FAKE_NPM_EXIT. */
function fakeNpm(): { env: Record<string, string>; calls: () => string } {
  const bin = path.join(dir, 'fake-bin')
  mkdirSync(bin, { recursive: true })
  const log = path.join(bin, 'calls.log')
  writeFileSync(path.join(bin, 'npm'), `#!/bin/sh\necho "$PWD $*" >> '${log}'\nexit \${FAKE_NPM_EXIT:-0}\n`, { mode: 0o755 })
  return { env: { PATH: `${bin}${path.delimiter}${process.env.PATH}` }, calls: () => read(log) }
}

/** Every file under `root`, relative, sorted. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((entry) => statSync(path.join(root, entry)).isFile())
    .map((entry) => entry.split(path.sep).join('/'))
    .sort()
}

const read = (file: string) => readFileSync(file, 'utf8')
const json = (file: string) => JSON.parse(read(file)) as Record<string, unknown>

const FILES = {
  typescript: ['src/hello/hello-api.step.ts', 'src/hello/process-greeting.step.ts', 'tests/hello.test.ts', 'tsconfig.json'],
  javascript: ['src/hello/hello-api.step.js', 'src/hello/process-greeting.step.js', 'tests/hello.test.js'],
  python: ['requirements.txt', 'src/hello/hello_api_step.py', 'src/hello/process_greeting_step.py', 'tests/test_hello.py'],
  multilang: [
    'requirements.txt',
    'src/hello/hello-api.step.ts',
    'src/hello/log-greeting.step.js',
    'src/hello/process_greeting_step.py',
    'tests/hello.test.ts',
    'tests/test_process_greeting.py',
    'tsconfig.json',
  ],
}

describe('motia create', () => {
  for (const [template, own] of Object.entries(FILES)) {
    it(`writes the ${template} template with its package.json, .gitignore and README`, async () => {
      const result = await create([`${template}-app`, '-t', template, '--skip-install'])
      expect(result.stderr).toBe('')
      expect(result.exitCode).toBe(0)
      const project = path.join(dir, `${template}-app`)
      expect(filesUnder(project)).toEqual(['.gitignore', 'README.md', 'package.json', ...own].sort())
      for (const file of own.filter((name) => /^(src|tests)\//.test(name))) {
        expect(read(path.join(project, file))).toBe(read(path.join(REPO, 'templates', template, file)))
      }

      const typescript = template === 'typescript' || template === 'multilang'
      const vitest = template !== 'python'
      const python = template === 'python' || template === 'multilang'
      const tests = [...(vitest ? ['vitest run --dir tests'] : []), ...(python ? ['.venv/bin/python -m pytest tests'] : [])]
      const runners = [...(vitest ? ['vitest with motia/testing'] : []), ...(python ? ['pytest with motia.testing'] : [])]
      expect(json(path.join(project, 'package.json'))).toEqual({
        name: `${template}-app`,
        version: '0.1.0',
        private: true,
        type: 'module',
        scripts: {
          dev: 'motia dev',
          start: 'motia run',
          postinstall: 'motia install',
          ...(typescript ? { typecheck: 'tsc --noEmit' } : {}),
          test: tests.join(' && '),
        },
        // Run from this checkout, the dependency is the checkout itself.
        dependencies: { motia: `file:${path.relative(project, REPO)}`, ...(template === 'python' ? {} : { zod: '^4.1.12' }) },
        ...(vitest ? { devDependencies: { ...(typescript ? { typescript: '^5.9.3' } : {}), vitest: '^4.0.8' } } : {}),
      })
      expect(read(path.join(project, '.gitignore'))).toBe('node_modules\n.venv\n.motia\n')
      expect(read(path.join(project, 'README.md'))).toMatch(new RegExp(`^# ${template}-app\\n`))
      if (typescript) expect(json(path.join(project, 'tsconfig.json'))).toMatchObject({ compilerOptions: { strict: true, noEmit: true } })

      expect(result.stdout.split('\n')).toEqual([
        `Created a ${template} project in ${template}-app (motia dependency: file:${path.relative(project, REPO)}; another with --motia <spec>)`,
        'Next:',
        `  cd ${template}-app`,
        `  npm install      # installs motia${template === 'python' ? '' : ' and zod'}${python ? ', then `motia install` creates .venv for the Python steps' : ''}`,
        '  npm run dev      # motia dev, on http://127.0.0.1:3000',
        "  curl 'localhost:3000/hello?name=Ada'",
        `  npm test         # the tests in tests/: ${runners.join(', ')}`,
      ])
    })
  }

  it('takes the Motia v0.x template names, and typescript into my-motia-app by default', async () => {
    const cwd = path.join(dir, 'defaults')
    mkdirSync(cwd)
    expect((await create(['v0-named', '-t', 'starter-python', '--skip-install'], cwd)).exitCode).toBe(0)
    expect(filesUnder(path.join(cwd, 'v0-named'))).toContain('src/hello/hello_api_step.py')
    expect((await create(['--skip-install'], cwd)).exitCode).toBe(0)
    expect(filesUnder(path.join(cwd, 'my-motia-app'))).toContain('src/hello/hello-api.step.ts')
  })

  it('creates into `.` when the current folder is empty or holds only .git', async () => {
    const cwd = path.join(dir, 'Dot Folder')
    mkdirSync(path.join(cwd, '.git'), { recursive: true })
    const result = await create(['.', '-t', 'javascript', '--skip-install'], cwd)
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('Created a javascript project in . (')
    expect(result.stdout).not.toContain('  cd ')
    expect(json(path.join(cwd, 'package.json')).name).toBe('dot-folder')
  })

  it('writes the motia dependency given with --motia', async () => {
    expect((await create(['pinned', '--motia', 'file:/opt/motia-0.1.0.tgz', '--skip-install'])).exitCode).toBe(0)
    expect(json(path.join(dir, 'pinned/package.json')).dependencies).toEqual({ motia: 'file:/opt/motia-0.1.0.tgz', zod: '^4.1.12' })
  })

  it.skipIf(process.platform === 'win32')('runs `npm install` in the new project unless --skip-install, and says when it fails', async () => {
    const npm = fakeNpm()
    const result = await create(['installed', '-t', 'python'], dir, npm.env)
    expect(result.exitCode, result.stderr).toBe(0)
    expect(npm.calls()).toBe(`${path.join(dir, 'installed')} install --no-fund --no-audit\n`)
    expect(result.stdout.split('\n').slice(1)).toEqual([
      'Running npm install (its postinstall runs `motia install`)',
      'Next:',
      '  cd installed',
      '  npm run dev      # motia dev, on http://127.0.0.1:3000',
      "  curl 'localhost:3000/hello?name=Ada'",
      '  npm test         # the tests in tests/: pytest with motia.testing',
    ])

    const failed = await create(['offline'], dir, { ...npm.env, FAKE_NPM_EXIT: '7' })
    expect(failed.exitCode).toBe(1)
    expect(failed.stderr).toBe(
      `motia: The project is in ${path.join(dir, 'offline')}, but \`npm install\` failed (exit 7): fix the cause shown above (network, registry), then run \`npm install\` there.`,
    )
    expect(filesUnder(path.join(dir, 'offline'))).toContain('package.json')
  })

  it('refuses a folder that is not empty, and touches nothing in it', async () => {
    const project = path.join(dir, 'busy')
    mkdirSync(project)
    writeFileSync(path.join(project, 'notes.txt'), 'mine')
    const result = await create(['busy', '--skip-install'])
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toBe(`motia: ${project} is not empty (it holds notes.txt): give a new folder name, e.g. \`motia create my-app\`, or empty this one.`)
    expect(filesUnder(project)).toEqual(['notes.txt'])
  })

  it('refuses an unknown template, listing the templates, and creates no folder', async () => {
    const result = await create(['rusty', '-t', 'rust', '--skip-install'])
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toBe(
      'motia: Unknown template `rust`: choose one of typescript, javascript, python, multilang (Motia v0.x names such as starter-typescript work too), e.g. `motia create my-app -t typescript`.',
    )
    expect(readdirSync(dir)).not.toContain('rusty')
  })
})

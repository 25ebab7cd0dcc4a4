// Which version of each file serves after a `motia dev` reload (or at its start).
import { describe, expect, it } from 'vitest'
import { type FileCandidate, type FileVersion, settleFiles } from '../../../src/engine/reload/settle-files.js'
import type { Language } from '../../../src/languages/language.js'
import type { Step, StepConfigData } from '../../../src/project/step.js'

const ROOT = '/project'
const node = { id: 'node' } as Language

function api(file: string, name: string, path: string, tag: string): FileVersion {
  const config: StepConfigData = { type: 'api', name, path, method: 'GET', emits: [], tag }
  const step: Step = { filePath: `${ROOT}/${file}`, relativePath: file, language: 'typescript', config, name, type: 'api', emitTopics: new Set(), runtime: node }
  return { steps: [step], streams: [] }
}

const tagsOf = (versions: Map<string, FileVersion>) => Object.fromEntries([...versions].map(([file, version]) => [file.slice(ROOT.length + 1), version.steps[0]?.config.tag]))

describe('settleFiles', () => {
  it('serves fresh versions that load, and the previous version of a file that does not', () => {
    const candidates: FileCandidate[] = [
      { file: `${ROOT}/a.step.ts`, fresh: api('a.step.ts', 'A', '/a', 'a2'), problems: [], previous: api('a.step.ts', 'A', '/a', 'a1') },
      { file: `${ROOT}/b.step.ts`, problems: [{ filePath: 'b.step.ts', message: 'could not be imported', line: 3 }], previous: api('b.step.ts', 'B', '/b', 'b1') },
      { file: `${ROOT}/c.step.ts`, problems: [{ filePath: 'c.step.ts', message: 'new and broken' }] },
    ]
    const settled = settleFiles(candidates, ROOT, new Set([`${ROOT}/b.step.ts`]))
    expect(tagsOf(settled.versions)).toEqual({ 'a.step.ts': 'a2', 'b.step.ts': 'b1' })
    expect(settled.problems).toEqual([
      { filePath: 'b.step.ts', message: 'could not be imported', line: 3 },
      { filePath: 'c.step.ts', message: 'new and broken' },
    ])
  })

  it('blames the edited file for a route clash, whatever the file order', () => {
    const candidates: FileCandidate[] = [
      { file: `${ROOT}/a-new.step.ts`, fresh: api('a-new.step.ts', 'New', '/hello', 'new'), problems: [] },
      { file: `${ROOT}/hello.step.ts`, fresh: api('hello.step.ts', 'Hello', '/hello', 'h2'), problems: [], previous: api('hello.step.ts', 'Hello', '/hello', 'h1') },
    ]
    const settled = settleFiles(candidates, ROOT, new Set([`${ROOT}/a-new.step.ts`]))
    expect(tagsOf(settled.versions)).toEqual({ 'hello.step.ts': 'h2' })
    expect(settled.problems).toEqual([
      {
        filePath: 'a-new.step.ts',
        message: 'route GET /hello is already served by hello.step.ts (step "Hello" at GET /hello): give one of them another path or method',
      },
    ])
  })

  it('keeps a whole group (one Python runner pool) on its previous versions when one of its serving files breaks', () => {
    const candidates: FileCandidate[] = [
      { file: `${ROOT}/a_step.py`, fresh: api('a_step.py', 'A', '/a', 'a2'), problems: [], previous: api('a_step.py', 'A', '/a', 'a1'), group: 'python' },
      { file: `${ROOT}/b_step.py`, problems: [{ filePath: 'b_step.py', message: 'SyntaxError' }], previous: api('b_step.py', 'B', '/b', 'b1'), group: 'python' },
      { file: `${ROOT}/c.step.ts`, fresh: api('c.step.ts', 'C', '/c', 'c2'), problems: [], previous: api('c.step.ts', 'C', '/c', 'c1') },
    ]
    const settled = settleFiles(candidates, ROOT, new Set([`${ROOT}/b_step.py`]))
    expect(tagsOf(settled.versions)).toEqual({ 'a_step.py': 'a1', 'b_step.py': 'b1', 'c.step.ts': 'c2' })
    expect([...settled.freshFiles]).toEqual([`${ROOT}/c.step.ts`])
  })

  it('at the start (no previous versions), drops the later of two steps with one name', () => {
    const candidates: FileCandidate[] = [
      { file: `${ROOT}/a.step.ts`, fresh: api('a.step.ts', 'Same', '/a', 'a'), problems: [] },
      { file: `${ROOT}/b.step.ts`, fresh: api('b.step.ts', 'Same', '/b', 'b'), problems: [] },
    ]
    const settled = settleFiles(candidates, ROOT)
    expect(tagsOf(settled.versions)).toEqual({ 'a.step.ts': 'a' })
    expect(settled.problems).toEqual([{ filePath: 'b.step.ts', message: 'step name "Same" is already used by a.step.ts: step names must be unique' }])
  })
})

// The languages an app runs with: the defaults, or the caller's, kept whatever their ids.
import { afterEach, describe, expect, it } from 'vitest'
import { AppLanguages } from '../../src/engine/app-languages.js'
import { MotiaApp } from '../../src/engine/app.js'
import type { Invocation, Language, ProjectInfo } from '../../src/languages/language.js'
import { NodeLanguage } from '../../src/languages/node/index.js'
import { PythonLanguage } from '../../src/languages/python/index.js'
import { LogSink } from '../../src/logger/log-sink.js'
import { copyFixture } from '../helpers/motia-process.js'

// A caller's own language: TypeScript steps through the node language, under another id.
class CustomLanguage implements Language {
  readonly id = 'custom'
  private readonly node = new NodeLanguage()
  claims = (file: string) => this.node.claims(file)
  load = (files: string[], project: ProjectInfo) => this.node.load(files, project)
  invoke = (invocation: Invocation) => this.node.invoke(invocation)
  close = () => this.node.close()
}

let app: MotiaApp | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

describe('AppLanguages', () => {
  it('keeps every language the options give at start, whatever its id; a reload asks for ids', () => {
    const custom = new CustomLanguage()
    const node = new NodeLanguage()
    const languages = new AppLanguages({ root: '.', mode: 'run', languages: [node, custom] }, new LogSink({ level: 'error', pretty: false }))
    expect(languages.create()).toEqual([node, custom])
    expect(languages.create(['node'])).toEqual([node])
  })

  it('makes fresh node and python languages by default', async () => {
    const languages = new AppLanguages({ root: '.', mode: 'run' }, new LogSink({ level: 'error', pretty: false }))
    const all = languages.create()
    expect(all.map((language) => [language.id, language.constructor])).toEqual([
      ['node', NodeLanguage],
      ['python', PythonLanguage],
    ])
    expect(languages.create(['python']).map((language) => language.id)).toEqual(['python'])
    await Promise.all(all.map((language) => language.close()))
  })

  it('an app given a custom language loads and serves its steps', async () => {
    app = new MotiaApp({ root: copyFixture('custom-language'), mode: 'run', port: 0, host: '127.0.0.1', memory: true, logLevel: 'error', languages: [new CustomLanguage()] })
    const { port } = await app.start()
    const response = await fetch(`http://127.0.0.1:${port}/ping`)
    expect(await response.json()).toEqual({ pong: true })
  })
})

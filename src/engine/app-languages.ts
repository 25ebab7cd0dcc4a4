// The app's language instances. A `motia dev` reload loads the changed files with fresh instances while
// the current ones serve; Python runners for the next reload are started ahead (PythonLanguage.warmUp),
// so that a reload of the Python steps only pays for importing them.
import type { Language } from '../languages/language.js'
import { NodeLanguage } from '../languages/node/index.js'
import { PythonLanguage } from '../languages/python/index.js'
import type { LogSink } from '../logger/log-sink.js'
import type { AppOptions } from './app-options.js'

export class AppLanguages {
  private spare?: PythonLanguage

  constructor(
    private readonly options: AppOptions,
    private readonly sink: LogSink,
  ) {}

  /**
   * Fresh instances of these languages (`ids`; every language of the app when omitted, as at start), or the
   * ones the options gave, whatever their ids: a caller's own language (id `deno`, say) is kept.
   */
  create(ids?: readonly string[]): Language[] {
    const { options } = this
    if (options.languages) return ids ? options.languages.filter((language) => ids.includes(language.id)) : [...options.languages]
    const wanted = ids ?? ['node', 'python']
    const fresh: Language[] = []
    if (wanted.includes('node')) fresh.push(new NodeLanguage())
    if (wanted.includes('python')) {
      fresh.push(this.spare ?? this.python())
      this.spare = undefined
    }
    return fresh
  }

  /** Starts Python runners for the next reload, unless they run already (or the options gave the languages). */
  warmPython(root: string): void {
    if (this.options.languages || this.spare) return
    this.spare = this.python()
    this.spare.warmUp({ root, env: this.options.env ?? process.env })
  }

  close(): Promise<void> {
    const spare = this.spare
    this.spare = undefined
    return spare?.close() ?? Promise.resolve()
  }

  private python(): PythonLanguage {
    const { options } = this
    return new PythonLanguage({ root: options.root, env: options.env ?? process.env, workers: options.pythonWorkers, sink: this.sink })
  }
}

import { execa } from 'execa'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildContract } from '../../../src/contract/index.js'
import { loadProjectWithoutApp } from '../../../src/engine/project-without-app.js'
import { LogSink } from '../../../src/logger/log-sink.js'
import { pythonTypesFile } from '../../../src/typegen/python/index.js'
import { copyFixture, REPO, VENV_PYTHON } from '../../helpers/motia-process.js'
import { mypy } from './mypy.js'

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/typegen-python')
const quiet = new LogSink({ level: 'error', pretty: false, output: { write: (data) => data.length } })

// `orders`: TS API -> Python step -> TS zod subscriber, a fifo TS subscriber, a pydantic Python
// subscriber, a Python cron step, a stream. Its steps import the generated module at run time.
describe('motia_types.py of the orders fixture, under mypy --strict', () => {
  let project: string
  let generated: string
  let result: Awaited<ReturnType<typeof mypy>>

  beforeAll(async () => {
    project = copyFixture('orders', 'test/fixtures/typegen-python')
    const { steps, streams } = await loadProjectWithoutApp(project, { ...process.env, MOTIA_PYTHON: VENV_PYTHON }, quiet)
    generated = pythonTypesFile(buildContract(steps, streams)).content
    writeFileSync(join(project, 'motia_types.py'), generated)
    cpSync(join(FIXTURES, 'mypy-cases'), join(project, 'typing_cases'), { recursive: true })
    result = await mypy(project, ['motia_types.py', 'steps', 'typing_cases'])
  }, 120_000)

  it('regenerates from a file that lacks the names the steps import (the first generation, a new step)', async () => {
    const stale = copyFixture('orders', 'test/fixtures/typegen-python')
    // The file of a project with no steps: the Python steps' imports of PriceOrderContext etc. read as Any.
    writeFileSync(join(stale, 'motia_types.py'), pythonTypesFile({ steps: [], topics: [], streams: [] }).content)
    const { steps, streams } = await loadProjectWithoutApp(stale, { ...process.env, MOTIA_PYTHON: VENV_PYTHON }, quiet)
    expect(pythonTypesFile(buildContract(steps, streams)).content).toBe(generated)
  }, 120_000)

  it('passes ruff (lines of 100 characters at most)', async () => {
    const args = ['-m', 'ruff', 'check', '--config', join(REPO, 'python/pyproject.toml'), '--line-length', '100', 'motia_types.py']
    const ruff = await execa(VENV_PYTHON, args, { cwd: project, reject: false })
    expect(ruff.stdout).toBe('All checks passed!')
  })

  it('is the file committed in the fixture: same contract, same bytes', () => {
    // After a deliberate change of the generator, copy the new output over the fixture's file.
    expect(generated).toBe(readFileSync(join(FIXTURES, 'orders/motia_types.py'), 'utf8'))
  })

  it('passes mypy --strict itself, and so do the steps that use it and the right emits', () => {
    const clean = ['motia_types.py', 'steps/', 'typing_cases/case_good_emits.py']
    expect(result.errors.filter((line) => clean.some((prefix) => line.startsWith(prefix))), result.output).toEqual([])
  })

  const errorsOf = (file: string) => result.errors.filter((line) => line.startsWith(`typing_cases/${file}:`))

  it('rejects a wrong payload for the TS subscriber (its zod input): a wrong field type, a missing field', () => {
    expect(errorsOf('case_wrong_payload.py')).toEqual([
      'typing_cases/case_wrong_payload.py:6: error: Incompatible types (expression has type "str", TypedDict item "total" has type "float")  [typeddict-item]',
      'typing_cases/case_wrong_payload.py:7: error: Missing key "lines" for TypedDict "OrderPriced"  [typeddict-item]',
    ])
  })

  it('rejects a topic the step does not declare', () => {
    expect(errorsOf('case_undeclared_topic.py')).toEqual([
      `typing_cases/case_undeclared_topic.py:6: error: Incompatible types (expression has type "Literal['order.placed']", TypedDict item "topic" has type "Literal['invoice.requested']")  [typeddict-item]`,
      'typing_cases/case_undeclared_topic.py:6: error: Extra keys ("sku", "quantity") for TypedDict "InvoiceRequested"  [typeddict-unknown-key]',
    ])
  })

  it('requires messageGroupId on a topic with a fifo subscriber', () => {
    expect(errorsOf('case_missing_group.py')).toEqual([
      'typing_cases/case_missing_group.py:6: error: Missing key "messageGroupId" for TypedDict "InvoiceRequestedEvent"  [typeddict-item]',
    ])
  })

  it('types API bodies from bodySchema, and gives a step without emits an emit that takes nothing', () => {
    expect(errorsOf('case_wrong_body_key.py')).toEqual([
      'typing_cases/case_wrong_body_key.py:6: error: TypedDict "PlaceOrderBody" has no key "price"  [typeddict-item]',
      'typing_cases/case_wrong_body_key.py:10: error: Argument 1 to "emit" of "ShipOrderContext" has incompatible type "dict[str, Collection[str]]"; expected "Never"  [arg-type]',
    ])
  })

  it('types stream items on context.streams', () => {
    expect(errorsOf('case_wrong_stream_item.py')).toEqual([
      `typing_cases/case_wrong_stream_item.py:6: error: Incompatible types (expression has type "Literal['lost']", TypedDict item "status" has type "Literal['packed', 'sent']")  [typeddict-item]`,
    ])
  })

  it('reports a name the file lacks, though it imports as Any at run time', () => {
    expect(errorsOf('case_late_name.py')).toEqual([
      'typing_cases/case_late_name.py:2: error: Module "motia_types" has no attribute "NotGeneratedContext"  [attr-defined]',
    ])
  })

  // mypy matches a dict to one event type by its keys, not by the topic's value: with several topics the
  // error is still reported, but may name another topic's type, or say the dict is ambiguous.
  it('still fails a step with several topics, with a less precise message', () => {
    expect(errorsOf('case_several_topics.py')).toEqual([
      `typing_cases/case_several_topics.py:6: error: Incompatible types (expression has type "Literal['invoice.requested']", TypedDict item "topic" has type "Literal['order.priced']")  [typeddict-item]`,
      'typing_cases/case_several_topics.py:6: error: Missing keys ("total", "lines") for TypedDict "OrderPriced"  [typeddict-item]',
      'typing_cases/case_several_topics.py:7: error: Type of TypedDict is ambiguous, none of ("InvoiceRequestedEvent", "OrderPricedEvent") matches cleanly  [misc]',
      'typing_cases/case_several_topics.py:7: error: Argument 1 to "emit" of "PriceOrderContext" has incompatible type "dict[str, Collection[str]]"; expected "InvoiceRequestedEvent | OrderPricedEvent"  [arg-type]',
    ])
  })

  it('reports nothing else', () => {
    expect(result.errors).toHaveLength(13)
    expect(result.exitCode).toBe(1)
  })
})

import { describe, expect, it } from 'vitest'
import { validateStepConfigs } from '../../src/project/validate-config.js'
import type { StepConfigData, StepDefinition } from '../../src/project/step.js'

const root = '/project'
const def = (config: Record<string, unknown>, file = 'steps/a.step.ts'): StepDefinition => ({
  filePath: `${root}/${file}`,
  language: 'typescript',
  config: config as StepConfigData,
})
const messages = (config: Record<string, unknown>) => validateStepConfigs([def(config)], root).map((p) => p.message)

const event = { type: 'event', name: 'A', subscribes: ['a'], emits: [] }
const api = { type: 'api', name: 'A', path: '/users', method: 'POST', emits: [] }
const cron = { type: 'cron', name: 'A', cron: '*/5 * * * *', emits: [] }
const noop = { type: 'noop', name: 'A', virtualEmits: [], virtualSubscribes: [] }
const EVENT_FIELDS = 'type, name, description, flows, virtualEmits, virtualSubscribes, includeFiles, subscribes, emits, input, infrastructure'

describe('validateStepConfigs: valid configs', () => {
  it('accepts a minimal config of each type, and every optional field', () => {
    expect(messages(event)).toEqual([])
    expect(messages(api)).toEqual([])
    expect(messages(cron)).toEqual([])
    expect(messages(noop)).toEqual([])
    expect(
      messages({
        ...api,
        description: 'd',
        flows: ['f'],
        emits: ['x', { topic: 'y', label: 'l', conditional: true }],
        virtualEmits: ['v'],
        virtualSubscribes: ['w'],
        includeFiles: ['a.txt'],
        bodySchema: { type: 'object' },
        responseSchema: { 200: { type: 'object' }, 404: { type: 'string' } },
        queryParams: [{ name: 'q', description: 'search' }],
        middleware: ['auth'],
      }),
    ).toEqual([])
    expect(
      messages({
        ...event,
        input: null,
        infrastructure: {
          handler: { timeout: 30 },
          queue: { type: 'fifo', maxRetries: 0, visibilityTimeout: 31, delaySeconds: 0, concurrency: 2, messageGroupId: null },
        },
      }),
    ).toEqual([])
  })

  it('accepts 5- and 6-field cron expressions and nicknames', () => {
    for (const expression of ['0 * * * *', '*/10 * * * * *', '0 9 * * MON-FRI', '@daily']) expect(messages({ ...cron, cron: expression })).toEqual([])
  })
})

describe('validateStepConfigs: type and name', () => {
  it('reports a missing or unknown type', () => {
    expect(messages({ name: 'A' })).toEqual(['`type` is missing: set it to "event", "api", "cron" or "noop"'])
    expect(messages({ type: 'job', name: 'A' })).toEqual(['`type` must be "event", "api", "cron" or "noop", got "job" (string)'])
    expect(messages({ type: 'job' })).toEqual([
      '`type` must be "event", "api", "cron" or "noop", got "job" (string)',
      '`name` is missing: set it to a non-empty string',
    ])
  })

  it('reports a missing or empty name', () => {
    expect(messages({ ...event, name: undefined })).toEqual(['`name` is missing: set it to a non-empty string'])
    expect(messages({ ...event, name: '' })).toEqual(['`name` must be a non-empty string, got "" (string)'])
    expect(messages({ ...event, name: 7 })).toEqual(['`name` must be a non-empty string, got 7 (number)'])
  })

  it('reports unknown top-level fields and lists the allowed ones', () => {
    expect(messages({ ...event, retries: 3 })).toEqual([`\`retries\` is not a field of event steps (allowed: ${EVENT_FIELDS})`])
    expect(messages({ ...noop, middleware: ['auth'] })).toEqual([
      '`middleware` is not a field of noop steps (allowed: type, name, description, flows, virtualEmits, virtualSubscribes, includeFiles)',
    ])
  })
})

describe('validateStepConfigs: event steps', () => {
  it('requires subscribes and emits', () => {
    expect(messages({ type: 'event', name: 'A' })).toEqual([
      '`subscribes` is missing: set it to a list of topic names',
      '`emits` is missing: set it to a list of topics (strings or { topic, label?, conditional? })',
    ])
  })

  it('checks topic lists item by item', () => {
    expect(messages({ ...event, subscribes: 'a' })).toEqual(['`subscribes` must be a list of topic names, got "a" (string)'])
    expect(messages({ ...event, subscribes: ['a', ''] })).toEqual(['`subscribes[1]` must be a topic name (a non-empty string), got "" (string)'])
    expect(messages({ ...event, emits: [5, { topic: '' }, { label: 'x' }, { topic: 'a', extra: 1 }] })).toEqual([
      '`emits[0]` must be a topic name or { topic, label?, conditional? }, got 5 (number)',
      '`emits[1].topic` must be a topic name (a non-empty string), got "" (string)',
      '`emits[2].topic` is missing: set it to a topic name (a non-empty string)',
      '`emits[3].extra` is not a field of `emits[3]` (allowed: topic, label, conditional)',
    ])
    expect(messages({ ...event, virtualEmits: [{ topic: 'b', conditional: 'yes' }], virtualSubscribes: [''] })).toEqual([
      '`virtualEmits[0].conditional` must be true or false, got "yes" (string)',
      '`virtualSubscribes[0]` must be a topic name (a non-empty string), got "" (string)',
    ])
  })

  it('checks the other common fields', () => {
    expect(messages({ ...event, flows: 'x', includeFiles: [1], description: 3 })).toEqual([
      '`description` must be a string, got 3 (number)',
      '`flows` must be a list of strings, got "x" (string)',
      '`includeFiles[0]` must be a string, got 1 (number)',
    ])
  })

  it('checks that input is a schema and a valid one', () => {
    expect(messages({ ...event, input: 5 })).toEqual(['`input` must be a zod schema, a JSON Schema object or null, got 5 (number)'])
    expect(messages({ ...event, input: { type: 'strnig' } })).toEqual([
      '`input` is not a valid JSON Schema: schema is invalid: data/type must be equal to one of the allowed values, data/type must be array, data/type must match a schema in anyOf',
    ])
  })
})

describe('validateStepConfigs: infrastructure (reference §1.6)', () => {
  it('checks every range and enum, and unknown keys', () => {
    expect(
      messages({
        ...event,
        infrastructure: {
          handler: { timeout: 0 },
          queue: { type: 'lifo', maxRetries: -1, visibilityTimeout: 0, delaySeconds: 901, concurrency: 1.5, retries: 2 },
          extra: {},
        },
      }),
    ).toEqual([
      '`infrastructure.extra` is not a field of `infrastructure` (allowed: handler, queue)',
      '`infrastructure.handler.timeout` must be a number of seconds from 1 to 900, got 0 (number)',
      '`infrastructure.queue.retries` is not a field of `infrastructure.queue` (allowed: type, maxRetries, visibilityTimeout, delaySeconds, concurrency, messageGroupId)',
      '`infrastructure.queue.type` must be "standard" or "fifo", got "lifo" (string)',
      '`infrastructure.queue.maxRetries` must be an integer >= 0, got -1 (number)',
      '`infrastructure.queue.visibilityTimeout` must be a positive number of seconds, got 0 (number)',
      '`infrastructure.queue.delaySeconds` must be a number of seconds from 0 to 900, got 901 (number)',
      '`infrastructure.queue.concurrency` must be a positive integer, got 1.5 (number)',
    ])
    expect(messages({ ...event, infrastructure: { handler: { timeout: 901 }, queue: { concurrency: 0, maxRetries: 1.5 } } })).toEqual([
      '`infrastructure.handler.timeout` must be a number of seconds from 1 to 900, got 901 (number)',
      '`infrastructure.queue.maxRetries` must be an integer >= 0, got 1.5 (number)',
      '`infrastructure.queue.concurrency` must be a positive integer, got 0 (number)',
    ])
  })

  it('requires visibilityTimeout > handler timeout when both are set', () => {
    const problem = (visibility: number, timeout: number) =>
      messages({ ...event, infrastructure: { handler: { timeout }, queue: { visibilityTimeout: visibility } } })
    expect(problem(30, 60)).toEqual([
      "`infrastructure.queue.visibilityTimeout` (30) must be greater than `infrastructure.handler.timeout` (60): the delivery lease would end the handler before its timeout. Raise visibilityTimeout or lower the timeout.",
    ])
    expect(problem(60, 60)).toHaveLength(1)
    expect(problem(61, 60)).toEqual([])
  })

  it('refuses ram and cpu, which have no local effect, naming the fix', () => {
    expect(messages({ ...event, infrastructure: { handler: { timeout: 30, ram: 1024, cpu: 0.5 } } })).toEqual([
      '`infrastructure.handler.ram` has no effect: motia runs handlers in local processes and cannot reserve memory for them. Remove it (the deadline is `infrastructure.handler.timeout`).',
      '`infrastructure.handler.cpu` has no effect: motia runs handlers in local processes and cannot reserve CPUs for them. Remove it (the deadline is `infrastructure.handler.timeout`).',
    ])
  })

  it('rejects infrastructure on api, cron and noop steps', () => {
    const infrastructure = { handler: { timeout: 3 } }
    expect(messages({ ...api, infrastructure })).toEqual(['`infrastructure` is only for event steps (this is an api step): remove it'])
    expect(messages({ ...cron, infrastructure })).toEqual(['`infrastructure` is only for event steps (this is a cron step): remove it'])
    expect(messages({ ...noop, infrastructure })).toEqual(['`infrastructure` is only for event steps (this is a noop step): remove it'])
  })
})

describe('validateStepConfigs: api steps', () => {
  it('requires path, method and emits', () => {
    expect(messages({ type: 'api', name: 'A' })).toEqual([
      "`path` is missing: set it to a URL path starting with '/', e.g. '/users/:id'",
      '`method` is missing: set it to one of GET, POST, PUT, DELETE, PATCH, OPTIONS, HEAD',
      '`emits` is missing: set it to a list of topics (strings or { topic, label?, conditional? })',
    ])
  })

  it('checks path and method', () => {
    expect(messages({ ...api, path: 'users', method: 'FETCH' })).toEqual([
      "`path` must be a URL path starting with '/', e.g. '/users/:id', got \"users\" (string)",
      '`method` must be one of GET, POST, PUT, DELETE, PATCH, OPTIONS, HEAD, got "FETCH" (string)',
    ])
    expect(messages({ ...api, method: 'get' })).toEqual(['`method` must be one of GET, POST, PUT, DELETE, PATCH, OPTIONS, HEAD, got "get" (string)'])
    expect(messages({ ...api, method: 5 })).toEqual(['`method` must be one of GET, POST, PUT, DELETE, PATCH, OPTIONS, HEAD, got 5 (number)'])
  })

  it('checks responseSchema keys and values, queryParams and middleware', () => {
    expect(messages({ ...api, responseSchema: { ok: { type: 'object' }, 200: 'x' }, queryParams: [{ description: 'x' }], middleware: 'auth' })).toEqual([
      '`responseSchema` has the key "ok", which is not an HTTP status code (100-599)',
      '`responseSchema[200]` must be a zod schema or a JSON Schema object, got "x" (string)',
      '`queryParams[0].name` is missing: set it to a string',
      '`middleware` must be a list of middleware functions, got "auth" (string)',
    ])
    expect(messages({ ...api, bodySchema: { type: 'object', required: 'email' }, responseSchema: { 201: { type: 1 } } })).toEqual([
      '`bodySchema` is not a valid JSON Schema: schema is invalid: data/required must be array',
      '`responseSchema[201]` is not a valid JSON Schema: schema is invalid: data/type must be equal to one of the allowed values, data/type must be array, data/type must match a schema in anyOf',
    ])
  })
})

describe('validateStepConfigs: cron and noop steps', () => {
  it('requires a parseable cron expression', () => {
    expect(messages({ ...cron, cron: undefined })).toEqual(["`cron` is missing: set it to a cron expression, e.g. '*/5 * * * *'"])
    expect(messages({ ...cron, cron: '* * *' })).toEqual([
      "`cron` \"* * *\" is not a valid cron expression (invalid configuration format ('* * *'), exactly five or six space separated parts are required): use 5 fields (minute hour day month weekday) or 6 with leading seconds",
    ])
    expect(messages({ ...cron, cron: '61 * * * *' })).toEqual([
      '`cron` "61 * * * *" is not a valid cron expression (Invalid value for minute: 61): use 5 fields (minute hour day month weekday) or 6 with leading seconds',
    ])
    expect(messages({ ...cron, cron: '0 0 * * * * 2030' })).toHaveLength(1)
  })

  it('requires virtualEmits and virtualSubscribes on noop steps', () => {
    expect(messages({ type: 'noop', name: 'A' })).toEqual([
      '`virtualEmits` is missing: set it to a list of topics (strings or { topic, label?, conditional? })',
      '`virtualSubscribes` is missing: set it to a list of topic names',
    ])
  })
})

describe('validateStepConfigs: across files', () => {
  it('reports duplicate step names, naming both files', () => {
    const problems = validateStepConfigs(
      [def({ ...event, name: 'Same' }, 'steps/a.step.ts'), def({ ...cron, name: 'Same' }, 'steps/b_step.py'), def({ ...event, name: 'Other' }, 'src/c.step.js')],
      root,
    )
    expect(problems).toEqual([{ filePath: 'steps/b_step.py', message: 'step name "Same" is already used by steps/a.step.ts: step names must be unique' }])
  })

  it('reports two API steps on the same method and path, whatever the parameter names', () => {
    const problems = validateStepConfigs(
      [
        def({ ...api, name: 'A', method: 'GET', path: '/users/:id' }, 'steps/a.step.ts'),
        def({ ...api, name: 'B', method: 'GET', path: '/users/:userId' }, 'steps/b.step.ts'),
        def({ ...api, name: 'C', method: 'POST', path: '/users/:id' }, 'steps/c.step.ts'),
        def({ ...api, name: 'D', method: 'GET', path: '/users/:id/posts' }, 'steps/d.step.ts'),
      ],
      root,
    )
    expect(problems).toEqual([
      {
        filePath: 'steps/b.step.ts',
        message: 'route GET /users/:userId is already served by steps/a.step.ts (step "A" at GET /users/:id): give one of them another path or method',
      },
    ])
  })

  it('reports two API steps whose paths differ only in letter case or a trailing slash, as the router matches both alike', () => {
    const problems = validateStepConfigs(
      [
        def({ ...api, name: 'A', method: 'GET', path: '/Users/:id' }, 'steps/a.step.ts'),
        def({ ...api, name: 'B', method: 'GET', path: '/users/:userId/' }, 'steps/b.step.ts'),
        def({ ...api, name: 'C', method: 'GET', path: '/' }, 'steps/c.step.ts'),
        def({ ...api, name: 'D', method: 'GET', path: '/users' }, 'steps/d.step.ts'),
      ],
      root,
    )
    expect(problems).toEqual([
      {
        filePath: 'steps/b.step.ts',
        message: 'route GET /users/:userId/ is already served by steps/a.step.ts (step "A" at GET /Users/:id): give one of them another path or method',
      },
    ])
  })

  it('keeps each file\'s problems together in the order of the files', () => {
    const problems = validateStepConfigs([def({ ...event, name: 'X', emits: 1 }, 'steps/a.step.ts'), def({ ...event, name: 'X', subscribes: 2 }, 'steps/b.step.ts')], root)
    expect(problems.map((p) => [p.filePath, p.message])).toEqual([
      ['steps/a.step.ts', '`emits` must be a list of topics (strings or { topic, label?, conditional? }), got 1 (number)'],
      ['steps/b.step.ts', '`subscribes` must be a list of topic names, got 2 (number)'],
      ['steps/b.step.ts', 'step name "X" is already used by steps/a.step.ts: step names must be unique'],
    ])
  })
})

// The answers motia's HTTP server gives by itself, before a handler runs, to a request with a body
// (see src/http/server.ts and src/engine/api-dispatch.ts).

const string = { type: 'string' }

/** Component schemas for those answers, by name in `components.schemas`. */
export const SERVER_SCHEMAS = {
  'motia.BadRequest': {
    description: 'The body is not JSON, or does not match bodySchema (then `issues` lists every problem).',
    type: 'object',
    required: ['error'],
    properties: {
      error: string,
      message: string,
      path: string,
      issues: { type: 'array', items: { type: 'object', required: ['path', 'message'], properties: { path: string, message: string } } },
    },
  },
  'motia.PayloadTooLarge': {
    description: 'The body is larger than the server accepts (--body-limit).',
    type: 'object',
    required: ['error', 'limit'],
    properties: { error: string, limit: { type: 'integer' } },
  },
  'motia.UnsupportedEncoding': {
    description: 'The body is compressed (`Content-Encoding`): bodies are read uncompressed.',
    type: 'object',
    required: ['error', 'message'],
    properties: { error: string, message: string },
  },
} as const

/** Status -> component name, for operations that take a request body. */
export const BODY_REFUSALS: Record<string, keyof typeof SERVER_SCHEMAS> = {
  '400': 'motia.BadRequest',
  '413': 'motia.PayloadTooLarge',
  '415': 'motia.UnsupportedEncoding',
}

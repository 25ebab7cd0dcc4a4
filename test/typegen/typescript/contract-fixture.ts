// A hand-made contract with one of each thing types.d.ts types: TS and Python steps, a fifo topic,
// a topic whose subscribers conflict, an emit nobody subscribes to, path and query params, a stream.
import type { ContractStep, ProjectContract } from '../../../src/contract/index.js'

const order = {
  $defs: { Line: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer' } }, required: ['sku', 'qty'] } },
  type: 'object',
  properties: { orderId: { type: 'string' }, lines: { type: 'array', items: { $ref: '#/$defs/Line' } } },
  required: ['orderId', 'lines'],
}

const step = (fields: Partial<ContractStep> & Pick<ContractStep, 'name' | 'type'>): ContractStep => ({
  language: 'typescript',
  file: `steps/${fields.name}.step.ts`,
  flows: [],
  emits: [],
  ...fields,
})

export const contract: ProjectContract = {
  steps: [
    step({ name: 'Audit', type: 'event', subscribes: ['order.placed'], fifo: false, emits: ['audit.done'] }),
    step({ name: 'Digest', type: 'cron', cron: '0 * * * *', emits: ['report.ready'] }),
    step({
      name: 'GetOrder',
      type: 'api',
      api: {
        method: 'GET',
        path: '/shops/:shopId/orders/:orderId',
        pathParams: ['shopId', 'orderId'],
        queryParams: [{ name: 'expand' }, { name: 'page-size' }],
        responses: { '404': { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] }, '200': order },
      },
    }),
    step({ name: 'Outline', type: 'noop' }),
    step({
      name: 'PlaceOrder',
      type: 'api',
      emits: ['order.placed', 'report.ready'],
      api: { method: 'POST', path: '/orders', pathParams: [], queryParams: [], body: order, responses: { '201': { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } } },
    }),
    step({ name: 'Reserve', type: 'event', language: 'python', file: 'steps/reserve_step.py', subscribes: ['order.placed'], input: order, fifo: true, emits: [] }),
  ],
  topics: [
    { topic: 'audit.done', emitters: ['Audit'], subscribers: [], fifo: false, payload: { kind: 'any' } },
    { topic: 'order.placed', emitters: ['PlaceOrder'], subscribers: ['Audit', 'Reserve'], fifo: true, payload: { kind: 'schema', schema: order } },
    {
      topic: 'report.ready',
      emitters: ['Digest', 'PlaceOrder'],
      subscribers: ['A', 'B'],
      fifo: false,
      payload: { kind: 'conflict', message: "Subscribers A and B of topic 'report.ready' disagree on /count:\nA wants a string, B a number", steps: ['A', 'B'], pointer: '/count' },
    },
  ],
  streams: [
    { name: 'cart', file: 'steps/cart.stream.ts', language: 'typescript', schema: { type: 'object', properties: { id: { type: 'string' }, total: { type: 'number' } }, required: ['id', 'total'] } },
    { name: 'loose', file: 'steps/loose_stream.py', language: 'python' },
  ],
}

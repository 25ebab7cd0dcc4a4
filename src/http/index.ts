export { HttpServer } from './server.js'
export type { AdminAccess, HttpLog, HttpLogLevel, HttpRoute, HttpServerOptions } from './options.js'
export { DEFAULT_BODY_LIMIT } from '../defaults.js'
export type { AdminApi } from './admin.js'

// Defaults shared by more than one part of motia, each defined once here and imported where used.
import type { ApiRouteMethod } from './types.js'

/** Largest request body accepted, in bytes (`--body-limit`): larger bodies get 413. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024

/** How long in-flight work may finish on shutdown before it is cut (HTTP requests, handlers, the queue). */
export const DEFAULT_GRACE_MS = 10_000

/** How long importing one step module (TypeScript or Python) may take before startup reports it. */
export const DEFAULT_IMPORT_TIMEOUT_MS = 30_000

/** The methods an API step may declare, as Motia v0.x (reference §1); also the router's list. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'] as const satisfies readonly ApiRouteMethod[]

/**
 * Deepest nesting of arrays and objects accepted in a JSON request body: deeper bodies get 400.
 * Far above what real payloads use, and low enough that every later step (validation, storage,
 * the Python bridge) handles the value without running out of stack.
 */
export const MAX_JSON_DEPTH = 256

/**
 * Most bytes a stream WebSocket client may leave unread (sent by the server, not yet taken by the
 * client) before the server drops it: a client that stops reading cannot grow server memory further.
 */
export const DEFAULT_STREAM_BUFFER_LIMIT = 4 * 1024 * 1024

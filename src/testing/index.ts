// `motia/testing`: the test kit, compatible with Motia v0.x's `@motiadev/test`. Imports no test runner.
export type { RequestOptions, TestResponse } from './http-request.js'
export { createMockContext, createMockLogger, type MockContextOptions, type MockLogger, type MockOptions } from './mock-context.js'
export { recordingFn, type FnFactory, type MockResult, type RecordingFn } from './recording-fn.js'
export { createMotiaTester, type MotiaTester, type MotiaTesterOptions, type TestEvent } from './tester.js'
export type { CapturedEvent, Watcher } from './watchers.js'
export { createStepContext, type StepContext, type StepContextOptions } from './step-context.js'

// The project: step files found, loaded by their language, validated, and drawn as flows.
export { discoverStepFiles } from './discover.js'
export { loadProject, loadStepsAndStreams } from './load-project.js'
export { validateStepConfigs } from './validate-config.js'
export { buildFlows, type Flow, type FlowEdge, type FlowStep } from './flows.js'
export { topicWarnings } from './topic-warnings.js'
export type { Step, StepConfigData, StepDefinition, StepLanguage, StepType } from './step.js'

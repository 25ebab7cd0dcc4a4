export { buildContract } from './build-contract.js'
export type { ContractApi, ContractStep, ContractStream, ContractTopic, ProjectContract, TopicPayload } from './contract.js'
export { topicConflicts, topicConflictsOf } from './topic-conflicts.js'
export { topicPayload } from './topic-payload.js'

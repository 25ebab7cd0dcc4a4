export { buildContract } from './build-contract.js'
export type { ContractApi, ContractStep, ContractStream, ContractTopic, ProjectContract, TopicPayload } from './contract.js'

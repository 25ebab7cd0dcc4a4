// Shared by the state stores: argument checks and the JSON text form of values.
import { MotiaError } from '../../errors.js'

export function checkGroupId(operation: string, groupId: unknown): void {
  if (typeof groupId !== 'string') throw badArgument(operation, 'groupId', groupId)
}

export function checkKey(operation: string, groupId: unknown, key: unknown): void {
  checkGroupId(operation, groupId)
  if (typeof key !== 'string') throw badArgument(operation, 'key', key)
}

/** JSON text of a state value; `undefined` is stored as null, as JSON has no undefined. */
export function encodeStateValue(groupId: string, key: string, value: unknown): string {
  let text: string | undefined
  try {
    text = JSON.stringify(value)
  } catch (error) {
    throw new MotiaError(
      'E_BAD_OPTION',
      `State value for key "${key}" in group "${groupId}" cannot be stored as JSON (${(error as Error).message}): store plain JSON values (no BigInt, functions or cycles).`,
      { cause: error, retryable: false },
    )
  }
  return text ?? 'null'
}

export const decodeStateValue = (text: string): unknown => JSON.parse(text)

export const stateClosedError = () =>
  new MotiaError('E_SHUTTING_DOWN', 'The state store is closed: open a new one (or restart the app) to read or write state.')

const badArgument = (operation: string, name: string, value: unknown) =>
  new MotiaError(
    'E_BAD_OPTION',
    `Expected the \`${name}\` of state.${operation} to be a string, got \`${String(value)}\` (${value === null ? 'null' : typeof value}).`,
    { retryable: false },
  )

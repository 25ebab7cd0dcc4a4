// A Lua script registered on a client: run by EVALSHA (sent once per connection), atomic on the server.
import type { Redis } from 'ioredis'

export type LuaScript = (keys: string[], args: string[]) => Promise<unknown>

/** Registers `lua` (which reads `keys.length` KEYS) on `client` under `name`, and returns a typed caller. */
export function luaScript(client: Redis, name: string, numberOfKeys: number, lua: string): LuaScript {
  client.defineCommand(name, { numberOfKeys, lua })
  // defineCommand adds a method named `name`, which ioredis's types cannot know.
  const command = (client as unknown as Record<string, (...args: string[]) => Promise<unknown>>)[name]!
  return (keys, args) => {
    if (keys.length !== numberOfKeys) throw new Error(`Script ${name} takes ${numberOfKeys} keys, got ${keys.length}`)
    return command.call(client, ...keys, ...args)
  }
}

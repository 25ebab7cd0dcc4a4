// Who listens to what: one room per group and one per item, each holding the connections subscribed.
import type { StreamSubscription } from '../stream-hub.js'

/**
 * The room of a subscription. Unlike Motia v0.x (`<stream>:id:<id>`), an item's room includes its
 * group: v0.x sent an item's changes to subscribers of the same id in every other group, which the
 * client then dropped, after `canAccess` had only allowed them their own group.
 */
export function roomOf(streamName: string, { groupId, id }: StreamSubscription): string {
  return JSON.stringify(id === undefined ? [streamName, groupId] : [streamName, groupId, id])
}

/** Members per room; a member in a room through several subscriptions is counted, and listed once. */
export class Rooms<Member> {
  private readonly rooms = new Map<string, Map<Member, number>>()

  add(room: string, member: Member): void {
    let members = this.rooms.get(room)
    if (!members) this.rooms.set(room, (members = new Map()))
    members.set(member, (members.get(member) ?? 0) + 1)
  }

  remove(room: string, member: Member): void {
    const members = this.rooms.get(room)
    const count = members?.get(member)
    if (!members || count === undefined) return
    if (count > 1) members.set(member, count - 1)
    else members.delete(member)
    if (members.size === 0) this.rooms.delete(room)
  }

  /** Each member of any of `rooms`, once: a client in the group and the item room gets one copy. */
  membersOf(rooms: readonly string[]): Set<Member> {
    const found = new Set<Member>()
    for (const room of rooms) for (const member of this.rooms.get(room)?.keys() ?? []) found.add(member)
    return found
  }

  get size(): number {
    return this.rooms.size
  }
}

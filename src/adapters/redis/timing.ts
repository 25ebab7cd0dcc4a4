// Waits with an upper bound: a Redis that does not answer must not hang an emit or a shutdown.

/** True when `work` settled within `ms` (an Infinity or huge grace waits for it, however long). */
export async function settleWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  const settled = work.then(
    () => true,
    () => true,
  )
  if (!Number.isFinite(ms) || ms >= 2 ** 31 - 1) return settled
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, ms))))
  try {
    return await Promise.race([settled, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** `work`'s result, or the error `late()` gives when it takes longer than `ms`. */
export async function boundedWait<T>(work: Promise<T>, ms: number, late: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(late()), ms)))
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}

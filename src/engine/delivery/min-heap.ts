// A binary min-heap ordered by a numeric key: the pending delays, earliest first.
export class MinHeap<T> {
  private readonly keys: number[] = []
  private readonly values: T[] = []

  get size(): number {
    return this.keys.length
  }

  peekKey(): number | undefined {
    return this.keys[0]
  }

  push(key: number, value: T): void {
    let i = this.keys.length
    this.keys.push(key)
    this.values.push(value)
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (this.keys[parent]! <= key) break
      this.move(parent, i)
      i = parent
    }
    this.keys[i] = key
    this.values[i] = value
  }

  pop(): T | undefined {
    if (this.keys.length === 0) return undefined
    const top = this.values[0]
    const key = this.keys.pop()!
    const value = this.values.pop()!
    const n = this.keys.length
    if (n > 0) {
      let i = 0
      for (;;) {
        let child = 2 * i + 1
        if (child >= n) break
        if (child + 1 < n && this.keys[child + 1]! < this.keys[child]!) child++
        if (this.keys[child]! >= key) break
        this.move(child, i)
        i = child
      }
      this.keys[i] = key
      this.values[i] = value
    }
    return top
  }

  private move(from: number, to: number): void {
    this.keys[to] = this.keys[from]!
    this.values[to] = this.values[from]!
  }
}

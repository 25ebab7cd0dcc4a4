// The processes of one bench row: started, waited for until they say they are ready, and stopped together.
import { execa, type ResultPromise } from 'execa'

export interface Started {
  child: ResultPromise
  /** The ready line's match. */
  ready: RegExpExecArray
}

/** Starts `command` and waits for a stdout line matching `ready`; rejects if it exits first or takes over 60 s. */
export function startReady(command: string, args: string[], ready: RegExp, env: Record<string, string> = {}): Promise<Started> {
  const child = execa(command, args, { env, reject: false, buffer: false, stdout: 'pipe', stderr: 'inherit' })
  return new Promise((resolve, reject) => {
    let seen = ''
    const timer = setTimeout(() => reject(new Error(`${command} ${args.join(' ')} was not ready within 60 s`)), 60_000)
    const onData = (chunk: Buffer) => {
      seen += chunk.toString()
      const match = ready.exec(seen)
      if (!match) return
      clearTimeout(timer)
      child.stdout!.off('data', onData)
      resolve({ child, ready: match })
    }
    child.stdout!.on('data', onData)
    void child.then((result) => {
      clearTimeout(timer)
      reject(new Error(`${command} ${args.join(' ')} exited (${result.exitCode ?? result.signal}) before it was ready`))
    })
  })
}

/** SIGTERM, then waits for the exit. */
export async function stopAll(children: ResultPromise[]): Promise<void> {
  for (const child of children) child.kill('SIGTERM')
  await Promise.all(children)
}

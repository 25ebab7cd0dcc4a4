// Under the tabs: a red banner while files do not load, a "Reloaded" toast after each reload, and a
// note while the server does not answer.
import { useEffect, useRef, useState } from 'preact/hooks'
import type { StepProblem } from './dev-status.js'
import { useDevStatus } from './reload.js'

const TOAST_MS = 4000

export function StatusStrip() {
  const { status, disconnected } = useDevStatus()
  const toast = useReloadToast(status?.generation)
  return (
    <>
      {disconnected && (
        <div class="strip strip-offline" data-status="disconnected">
          The app does not answer: is <code>motia dev</code> still running? Retrying every second.
        </div>
      )}
      {status && status.problems.length > 0 && <ProblemsBanner problems={status.problems} />}
      {toast && (
        <div class="toast" data-toast="reloaded" role="status">
          Reloaded
        </div>
      )}
    </>
  )
}

function ProblemsBanner({ problems }: { problems: StepProblem[] }) {
  const files = problems.length === 1 ? '1 file does not load' : `${problems.length} files do not load`
  return (
    <div class="strip strip-problems" data-problems={problems.length} role="alert">
      <strong>{files}.</strong> The other steps serve; a step whose edit broke keeps its previous version serving until the file loads again.
      <ul>
        {problems.map((problem) => (
          <li key={`${problem.filePath}:${problem.line ?? ''}`} data-problem={problem.filePath}>
            <code>
              {problem.filePath}
              {problem.line === undefined ? '' : `:${problem.line}`}
            </code>{' '}
            {problem.message}
          </li>
        ))}
      </ul>
    </div>
  )
}

// True for a moment after the generation grows (not on the first answer: opening the page is no reload).
function useReloadToast(generation: number | undefined): boolean {
  const seen = useRef<number | undefined>(undefined)
  const [visible, setVisible] = useState(false)
  useEffect(() => {
    if (generation === undefined) return
    const previous = seen.current
    seen.current = generation
    if (previous === undefined || generation <= previous) return
    setVisible(true)
    const timer = setTimeout(() => setVisible(false), TOAST_MS)
    return () => clearTimeout(timer)
  }, [generation])
  return visible
}

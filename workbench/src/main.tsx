import { render } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { ReloadBadge } from './shell/reload-badge.js'
import { StatusStrip } from './shell/status-strip.js'
import { VIEWS } from './views/index.js'
import './style.css'

function currentViewId(): string {
  // `#/<view>`, `#/<view>/<id>` or `#/<view>?<filters>`.
  const id = location.hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? ''
  return VIEWS.some((view) => view.id === id) ? id : VIEWS[0]!.id
}

function App() {
  const [viewId, setViewId] = useState(currentViewId)
  useEffect(() => {
    const onHash = () => setViewId(currentViewId())
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  const view = VIEWS.find((candidate) => candidate.id === viewId)!
  const View = view.component
  return (
    <div class="app">
      <header class="top">
        <span class="brand">Motia Workbench</span>
        <nav>
          {VIEWS.map((item) => (
            <a key={item.id} href={`#/${item.id}`} class={item.id === viewId ? 'tab active' : 'tab'} data-tab={item.id}>
              {item.title}
            </a>
          ))}
        </nav>
        <ReloadBadge />
      </header>
      <StatusStrip />
      <main>
        <View />
      </main>
    </div>
  )
}

render(<App />, document.getElementById('app')!)

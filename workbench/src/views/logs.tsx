// Being built (issue 12): replaced by the view itself.
export function LogsView() {
  return <section class="view" data-view="logs"><h2>logs</h2></section>
}

// Being built (issue 12): replaced by the view itself.
export function FlowsView() {
  return <section class="view" data-view="flows"><h2>flows</h2></section>
}

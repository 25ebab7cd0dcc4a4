// Being built (issue 12): replaced by the view itself.
export function EndpointsView() {
  return <section class="view" data-view="endpoints"><h2>endpoints</h2></section>
}

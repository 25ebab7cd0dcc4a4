// Being built (issue 12): replaced by the view itself.
export function StreamsView() {
  return <section class="view" data-view="streams"><h2>streams</h2></section>
}

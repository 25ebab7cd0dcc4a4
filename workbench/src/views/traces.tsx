// Being built (issue 12): replaced by the view itself.
export function TracesView() {
  return <section class="view" data-view="traces"><h2>traces</h2></section>
}

// Being built (issue 12): replaced by the view itself.
export function StateView() {
  return <section class="view" data-view="state"><h2>state</h2></section>
}

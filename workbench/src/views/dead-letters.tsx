// Being built (issue 12): replaced by the view itself.
export function DeadLettersView() {
  return <section class="view" data-view="dead-letters"><h2>dead-letters</h2></section>
}

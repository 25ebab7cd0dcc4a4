import './data.css'

/** A JSON value, pretty-printed, with its type named (state values round-trip with their JSON types). */
export function JsonBlock({ value, label }: { value: unknown; label?: string }) {
  return (
    <pre class="json-block" data-json={label ?? ''}>
      {JSON.stringify(value, null, 2)}
    </pre>
  )
}

export function jsonType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

// Rows of name/value inputs: the headers of a request (free names, rows added and removed).

interface Props {
  rows: [string, string][]
  onChange: (rows: [string, string][]) => void
  /** `data-*` prefix: `header` gives `data-header-name`, `data-header-value`. */
  kind: string
}

export function KeyValueEditor({ rows, onChange, kind }: Props) {
  const set = (index: number, column: 0 | 1, value: string) => onChange(rows.map((row, at) => (at === index ? (column === 0 ? [value, row[1]] : [row[0], value]) : row)))
  return (
    <div class="ep-rows">
      {rows.map(([name, value], index) => (
        // Keyed by place: rows have no identity, and the inputs are controlled, so a removal shows right.
        <div class="ep-row" key={index}>
          <input value={name} placeholder="name" {...{ [`data-${kind}-name`]: index }} onInput={(event) => set(index, 0, event.currentTarget.value)} />
          <input value={value} placeholder="value" {...{ [`data-${kind}-value`]: index }} onInput={(event) => set(index, 1, event.currentTarget.value)} />
          <button type="button" class="ep-remove" title="Remove" onClick={() => onChange(rows.filter((_, at) => at !== index))}>
            ×
          </button>
        </div>
      ))}
      <button type="button" class="ep-add" {...{ [`data-add-${kind}`]: '' }} onClick={() => onChange([...rows, ['', '']])}>
        + {kind}
      </button>
    </div>
  )
}

import type { Draft } from './draft.js'
import { KeyValueEditor } from './key-value-editor.js'
import type { Endpoint } from './openapi.js'
import { bodyError } from './send-request.js'

interface Props {
  endpoint: Endpoint
  draft: Draft
  onChange: (draft: Draft) => void
  onSend: () => void
  sending: boolean
}

/** The request of one endpoint: path and query parameters, headers, and the JSON body beside its schema. */
export function RequestEditor({ endpoint, draft, onChange, onSend, sending }: Props) {
  const error = bodyError(draft.body)
  const missing = endpoint.pathParams.filter((name) => (draft.pathParams[name] ?? '') === '')
  return (
    <section class="ep-request" data-request={endpoint.id}>
      <header class="ep-request-head">
        <span class={`ep-method ep-${endpoint.method.toLowerCase()}`}>{endpoint.method}</span>
        <code class="ep-path">{endpoint.path}</code>
        <span class="ep-step" data-endpoint-step>
          {endpoint.step}
        </span>
        <button type="button" class="ep-send" data-send disabled={sending || error !== undefined || missing.length > 0} onClick={onSend}>
          {sending ? 'Sending…' : 'Send'}
        </button>
      </header>
      {endpoint.description && <p class="ep-description">{endpoint.description}</p>}

      {endpoint.pathParams.length > 0 && (
        <fieldset class="ep-group">
          <legend>Path parameters</legend>
          {endpoint.pathParams.map((name) => (
            <label key={name} class="ep-field">
              <span>{name}</span>
              <input
                value={draft.pathParams[name] ?? ''}
                placeholder="required"
                data-path-param={name}
                onInput={(event) => onChange({ ...draft, pathParams: { ...draft.pathParams, [name]: event.currentTarget.value } })}
              />
            </label>
          ))}
        </fieldset>
      )}

      {endpoint.queryParams.length > 0 && (
        <fieldset class="ep-group">
          <legend>Query parameters</legend>
          {endpoint.queryParams.map(({ name, description }) => (
            <label key={name} class="ep-field">
              <span>{name}</span>
              <input
                value={draft.query[name] ?? ''}
                placeholder={description ?? 'optional'}
                data-query-param={name}
                onInput={(event) => onChange({ ...draft, query: { ...draft.query, [name]: event.currentTarget.value } })}
              />
            </label>
          ))}
        </fieldset>
      )}

      <fieldset class="ep-group">
        <legend>Headers</legend>
        <KeyValueEditor kind="header" rows={draft.headers} onChange={(headers) => onChange({ ...draft, headers })} />
      </fieldset>

      {endpoint.method !== 'GET' && endpoint.method !== 'HEAD' && (
        <fieldset class="ep-group">
          <legend>Body {endpoint.bodyRequired ? '(required)' : ''}</legend>
          <div class="ep-body-columns">
            <div class="ep-body-edit">
              <textarea spellcheck={false} rows={12} data-body-editor value={draft.body} onInput={(event) => onChange({ ...draft, body: event.currentTarget.value })} />
              {error && (
                <p class="ep-error" data-body-error>
                  {error}
                </p>
              )}
            </div>
            {endpoint.bodySchema && (
              <pre class="ep-schema" data-body-schema>
                {JSON.stringify(endpoint.bodySchema, null, 2)}
              </pre>
            )}
          </div>
        </fieldset>
      )}
    </section>
  )
}

import { useState, type FormEvent } from 'react'
import { api } from '../api/client'
import { metadataFieldNames, type MetadataFieldName, type Study } from '../api/types'
import { ErrorMessage } from './common'

export const metadataLabels: Record<MetadataFieldName, string> = {
  acronym: 'Acronym',
  title: 'Title',
  shortTitle: 'Short title',
  protocolNumber: 'Protocol number',
  version: 'Protocol version',
  versionDate: 'Version date',
  sponsor: 'Sponsor',
  phase: 'Phase',
  nctId: 'NCT number',
  plannedParticipants: 'Participants',
  duration: 'Duration',
}

/** Review and edit of extracted metadata; each value shows the protocol page it came from. Saves with PATCH. */
export function MetadataForm({ study, onSaved, onCancel, submitLabel = 'Save metadata' }: { study: Study; onSaved: (study: Study) => void; onCancel?: () => void; submitLabel?: string }) {
  const initial = Object.fromEntries(metadataFieldNames.map((n) => [n, study.metadata?.[n]?.value ?? ''])) as Record<MetadataFieldName, string>
  const [values, setValues] = useState(initial)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    // The API leaves out (null) fields unchanged and clears a field sent as an empty string.
    const changes: Record<string, string> = {}
    for (const n of metadataFieldNames) {
      if (values[n] !== initial[n]) changes[n] = values[n].trim()
    }
    if (Object.keys(changes).length === 0) {
      onSaved(study)
      return
    }
    setBusy(true)
    setError(null)
    try {
      const updated = await api.updateStudy(study.studyId, changes)
      onSaved(updated.studyId ? updated : await api.getStudy(study.studyId))
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="metadata-form" onSubmit={submit} aria-label="Study metadata">
      <div className="field-grid">
        {metadataFieldNames.map((name) => {
          const field = study.metadata?.[name]
          const id = `meta-${name}`
          const wide = name === 'title' || name === 'sponsor'
          return (
            <div key={name} className={`field${wide ? ' field-wide' : ''}`}>
              <label htmlFor={id}>{metadataLabels[name]}</label>
              {name === 'title' ? (
                <textarea id={id} rows={2} value={values[name]} onChange={(e) => setValues({ ...values, [name]: e.target.value })} aria-describedby={`${id}-src`} />
              ) : (
                <input id={id} value={values[name]} onChange={(e) => setValues({ ...values, [name]: e.target.value })} aria-describedby={`${id}-src`} />
              )}
              <span id={`${id}-src`} className="field-source">
                {field?.page ? `From page ${field.page}` : field?.value ? 'From structured data or edited' : 'Not found in the protocol'}
              </span>
            </div>
          )
        })}
      </div>
      <ErrorMessage error={error} />
      <div className="form-actions">
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  )
}

import { useEffect, useState, type FormEvent } from 'react'
import { api } from '../api/client'
import { metadataFieldNames, type Citation, type DraftSummary, type Study } from '../api/types'
import { ErrorMessage, formatDate, Spinner, StatusChip } from '../components/common'
import { MetadataForm, metadataLabels } from '../components/MetadataForm'
import { CitationPanel } from '../components/CitationPanel'
import { ProfilePanel } from '../components/ProfilePanel'
import { Link, useRouter } from '../lib/router'

interface ProviderOption {
  name: string
  label: string
  models: string[]
}

/** The providers the server knows; a key or URL must be configured on the server for all but offline. */
const knownProviders: ProviderOption[] = [
  { name: 'offline', label: 'Offline drafter (no model)', models: [] },
  { name: 'anthropic', label: 'Claude (Anthropic)', models: [] },
  { name: 'openai', label: 'OpenAI-compatible', models: [] },
  { name: 'ollama', label: 'Ollama (local)', models: [] },
]

/** Accepts a list of names or of objects with a name (and models); the offline drafter is always offered. */
function parseProviders(value: unknown): ProviderOption[] {
  const list = Array.isArray(value) ? value : value && typeof value === 'object' ? ((value as { providers?: unknown[] }).providers ?? []) : []
  const options: ProviderOption[] = []
  for (const item of list) {
    if (typeof item === 'string') options.push({ name: item, label: item, models: [] })
    else if (item && typeof item === 'object') {
      const o = item as { name?: string; id?: string; displayName?: string; models?: string[]; defaultModel?: string; model?: string; configured?: boolean }
      const name = o.name ?? o.id
      if (!name || o.configured === false) continue
      const models = o.models ?? [o.defaultModel ?? o.model].filter((m): m is string => !!m)
      options.push({ name, label: o.displayName ?? name, models })
    }
  }
  if (!options.some((o) => o.name === 'offline')) options.push(knownProviders[0])
  return options
}

function NewDraftForm({ studyId }: { studyId: string }) {
  const { navigate } = useRouter()
  const [providers, setProviders] = useState<ProviderOption[]>(knownProviders)
  const [provider, setProvider] = useState('')
  const [model, setModel] = useState('')
  const [template, setTemplate] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    api.getProviders().then(
      (p) => setProviders(parseProviders(p)),
      () => {
        // No provider list from the server: the server's configured default (offline without a key) is used.
      },
    )
  }, [])

  const current = providers.find((p) => p.name === provider)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const created = await api.createDraft(studyId, {
        provider: provider || undefined,
        model: model.trim() || undefined,
        template: template.trim() || undefined,
      })
      navigate(`/drafts/${encodeURIComponent(created.draftId)}`)
    } catch (err) {
      setError(err)
      setBusy(false)
    }
  }

  return (
    <form className="card new-draft" onSubmit={submit} aria-labelledby="new-draft-heading">
      <h2 id="new-draft-heading" className="section-heading">
        New ICF draft
      </h2>
      <div className="field-grid">
        <div className="field">
          <label htmlFor="draft-provider">Provider</label>
          <select id="draft-provider" value={provider} onChange={(e) => setProvider(e.target.value)}>
            <option value="">Server default</option>
            {providers.map((p) => (
              <option key={p.name} value={p.name}>
                {p.label}
              </option>
            ))}
          </select>
          <span className="field-source">The server default is offline drafting unless a provider is configured. Others need their key or address in the server's configuration.</span>
        </div>
        <div className="field">
          <label htmlFor="draft-model">Model</label>
          <input id="draft-model" list="draft-models" value={model} onChange={(e) => setModel(e.target.value)} placeholder="Provider default" />
          <datalist id="draft-models">
            {current?.models.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="draft-template">Template</label>
          <input id="draft-template" value={template} onChange={(e) => setTemplate(e.target.value)} placeholder="Default consent template" />
        </div>
      </div>
      <ErrorMessage error={error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Starting…' : 'Start drafting'}
        </button>
      </div>
    </form>
  )
}

function draftProgress(d: DraftSummary) {
  if (!d.sections?.length) return null
  const approved = d.sections.filter((s) => s.status === 'approved').length
  return `${approved} of ${d.sections.length} approved`
}

export function StudyPage({ studyId }: { studyId: string }) {
  const [study, setStudy] = useState<Study | null>(null)
  const [drafts, setDrafts] = useState<DraftSummary[] | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [editing, setEditing] = useState(false)
  const [citation, setCitation] = useState<Citation | null>(null)

  useEffect(() => {
    api.getStudy(studyId).then(setStudy, setError)
    api.listDrafts(studyId).then(setDrafts, (err) => {
      setDrafts([])
      setError(err)
    })
  }, [studyId])

  if (!study) {
    return (
      <div className="page">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link to="/">Studies</Link>
        </nav>
        {error ? <ErrorMessage error={error} /> : <Spinner label="Loading study" />}
      </div>
    )
  }

  const m = study.metadata ?? {}
  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Studies</Link> <span aria-hidden="true">/</span> <span aria-current="page">{m.acronym?.value ?? study.studyId}</span>
      </nav>
      <header className="page-header">
        <div>
          <h1>{m.acronym?.value ?? study.studyId}</h1>
          <p className="lead">{m.title?.value ?? 'Untitled study'}</p>
          <p className="muted small mono">{study.studyId}</p>
        </div>
      </header>
      <ErrorMessage error={error} onDismiss={() => setError(null)} />

      <div className="grid-2">
        <section className="card" aria-labelledby="meta-heading">
          <div className="toolbar">
            <h2 id="meta-heading" className="section-heading">
              Metadata
            </h2>
            {!editing && (
              <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
                Edit metadata
              </button>
            )}
          </div>
          {editing ? (
            <MetadataForm
              study={study}
              onCancel={() => setEditing(false)}
              onSaved={(s) => {
                setStudy(s)
                setEditing(false)
              }}
            />
          ) : (
            <dl className="meta-list">
              {metadataFieldNames.map((n) => (
                <div key={n} className="meta-row">
                  <dt>{metadataLabels[n]}</dt>
                  <dd>
                    {m[n]?.value ?? <span className="muted">Not found</span>}
                    {m[n]?.page ? <span className="page-ref"> p. {m[n]?.page}</span> : null}
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </section>

        <div className="stack">
          <section className="card" aria-labelledby="profile-heading">
            <h2 id="profile-heading" className="section-heading">
              Study profile
            </h2>
            <ProfilePanel studyId={study.studyId} onShowPage={setCitation} />
          </section>

          <section className="card" aria-labelledby="docs-heading">
            <h2 id="docs-heading" className="section-heading">
              Documents
            </h2>
            {study.documents?.length ? (
              <ul className="doc-list">
                {study.documents.map((d) => (
                  <li key={d.documentId}>
                    <span className="doc-name">{d.fileName}</span>
                    <span className="muted small">
                      {d.format?.toString().toUpperCase()} · {d.pageCount} pages · {d.chunkCount} passages · added {formatDate(d.addedAt)}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="empty">No documents.</p>
            )}
          </section>

          <section className="card" aria-labelledby="drafts-heading">
            <h2 id="drafts-heading" className="section-heading">
              Drafts
            </h2>
            {drafts === null ? (
              <Spinner label="Loading drafts" />
            ) : drafts.length === 0 ? (
              <p className="empty">No drafts yet.</p>
            ) : (
              <ul className="draft-list">
                {drafts.map((d) => (
                  <li key={d.draftId}>
                    <Link to={`/drafts/${encodeURIComponent(d.draftId)}`} className="strong-link">
                      Draft of {formatDate(d.createdAt)}
                    </Link>
                    <span className="muted small">
                      {d.provider}
                      {d.model ? ` · ${d.model}` : ''} · {d.template}
                      {draftProgress(d) ? ` · ${draftProgress(d)}` : ''}
                    </span>
                    {d.sections?.some((s) => s.status === 'generating') && <StatusChip status="generating" />}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <NewDraftForm studyId={study.studyId} />
        </div>
      </div>
      {citation && <CitationPanel studyId={study.studyId} citation={citation} onClose={() => setCitation(null)} />}
    </div>
  )
}

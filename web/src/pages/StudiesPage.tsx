import { useEffect, useMemo, useState } from 'react'
import { api } from '../api/client'
import type { Study } from '../api/types'
import { ConfirmDialog, ErrorMessage, formatDate, Modal, Spinner } from '../components/common'
import { MetadataForm } from '../components/MetadataForm'
import { UploadPanel } from '../components/UploadPanel'
import { Link, useRouter } from '../lib/router'

const meta = (s: Study, name: keyof Study['metadata']) => s.metadata?.[name]?.value ?? ''

export function StudiesPage() {
  const { navigate } = useRouter()
  const [studies, setStudies] = useState<Study[] | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [query, setQuery] = useState('')
  const [phase, setPhase] = useState('')
  const [toDelete, setToDelete] = useState<Study | null>(null)
  const [deleting, setDeleting] = useState(false)
  const [review, setReview] = useState<Study | null>(null)

  const load = () =>
    api.listStudies().then(
      (list) => setStudies(list),
      (err) => {
        setError(err)
        setStudies((s) => s ?? [])
      },
    )

  useEffect(() => {
    load()
  }, [])

  const phases = useMemo(() => [...new Set((studies ?? []).map((s) => meta(s, 'phase')).filter(Boolean))].sort(), [studies])

  const visible = useMemo(() => {
    const q = query.trim().toLowerCase()
    return (studies ?? []).filter((s) => {
      if (phase && meta(s, 'phase') !== phase) return false
      if (!q) return true
      return [s.studyId, meta(s, 'acronym'), meta(s, 'title'), meta(s, 'sponsor'), meta(s, 'nctId'), meta(s, 'protocolNumber')].some((v) =>
        v.toLowerCase().includes(q),
      )
    })
  }, [studies, query, phase])

  const confirmDelete = async () => {
    if (!toDelete) return
    setDeleting(true)
    try {
      await api.deleteStudy(toDelete.studyId)
      setStudies((all) => (all ?? []).filter((s) => s.studyId !== toDelete.studyId))
      setToDelete(null)
    } catch (err) {
      setError(err)
      setToDelete(null)
    } finally {
      setDeleting(false)
    }
  }

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Studies</h1>
          <p className="muted">Upload a protocol to create a study, then draft its informed consent form.</p>
        </div>
      </header>

      <UploadPanel
        onUploaded={(study) => {
          setStudies((all) => [study, ...(all ?? []).filter((s) => s.studyId !== study.studyId)])
          setReview(study)
        }}
      />

      <section aria-labelledby="list-heading" className="card">
        <div className="toolbar">
          <h2 id="list-heading" className="section-heading">
            All studies
          </h2>
          <div className="toolbar-controls">
            <label className="inline-field">
              <span className="visually-hidden">Search studies</span>
              <input type="search" placeholder="Search studies" value={query} onChange={(e) => setQuery(e.target.value)} />
            </label>
            <label className="inline-field">
              <span className="visually-hidden">Filter by phase</span>
              <select value={phase} onChange={(e) => setPhase(e.target.value)}>
                <option value="">All phases</option>
                {phases.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </div>
        <ErrorMessage error={error} onDismiss={() => setError(null)} />
        {studies === null ? (
          <Spinner label="Loading studies" />
        ) : visible.length === 0 ? (
          <p className="empty">{studies.length === 0 ? 'No studies yet. Upload a protocol above to begin.' : 'No study matches your search.'}</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Acronym</th>
                  <th scope="col">Title</th>
                  <th scope="col">Sponsor</th>
                  <th scope="col">Phase</th>
                  <th scope="col" className="num">
                    Documents
                  </th>
                  <th scope="col" className="num">
                    Drafts
                  </th>
                  <th scope="col">Last activity</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {visible.map((s) => (
                  <tr key={s.studyId}>
                    <td>
                      <Link to={`/studies/${encodeURIComponent(s.studyId)}`} className="strong-link">
                        {meta(s, 'acronym') || s.studyId}
                      </Link>
                      <div className="muted small mono nowrap">{s.studyId}</div>
                    </td>
                    <td className="title-cell">{meta(s, 'title') || '—'}</td>
                    <td>{meta(s, 'sponsor') || '—'}</td>
                    <td className="nowrap">{meta(s, 'phase') || '—'}</td>
                    <td className="num">{s.documents?.length ?? s.documentCount ?? 0}</td>
                    <td className="num">{s.draftCount ?? 0}</td>
                    <td className="nowrap">{formatDate(s.lastActivityAt ?? s.updatedAt ?? s.createdAt)}</td>
                    <td>
                      <button type="button" className="btn btn-ghost btn-small" onClick={() => setToDelete(s)} aria-label={`Delete ${meta(s, 'acronym') || s.studyId}`}>
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {toDelete && (
        <ConfirmDialog
          title="Delete this study?"
          message={
            <p>
              <strong>{meta(toDelete, 'acronym') || toDelete.studyId}</strong> will be deleted with its documents and drafts. This cannot be undone.
            </p>
          }
          confirmLabel="Delete study"
          busy={deleting}
          onConfirm={confirmDelete}
          onCancel={() => setToDelete(null)}
        />
      )}

      {review && (
        <Modal title={`Review the extracted metadata: ${meta(review, 'acronym') || review.studyId}`} onClose={() => setReview(null)} wide>
          <p className="muted">Check each value against the protocol page it came from, and correct it if needed.</p>
          <MetadataForm
            study={review}
            submitLabel="Save and open study"
            onCancel={() => setReview(null)}
            onSaved={(saved) => {
              setReview(null)
              navigate(`/studies/${encodeURIComponent(saved.studyId)}`)
            }}
          />
        </Modal>
      )}
    </div>
  )
}

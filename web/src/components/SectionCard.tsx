import { memo, useId, useState } from 'react'
import { api, ApiError } from '../api/client'
import type { Citation, DraftSection } from '../api/types'
import type { SectionState } from '../lib/draftState'
import { useRovingTabStop } from '../lib/roving'
import { sectionGrade, sectionQuality, sectionWords } from '../lib/sectionStats'
import { ErrorMessage, StatusChip } from './common'
import { QualityDetails } from './QualityPanel'
import { CitationChip, SectionText } from './SectionText'

export interface SectionActions {
  onCite: (c: Citation) => void
  onMerge: (s: DraftSection | undefined) => void
  onRefresh: (sectionId: string) => Promise<void>
  onRegenerate: (section: SectionState) => void
  onHistory: (section: SectionState) => void
}

function SectionCardImpl({ draftId, section, actions, draftQuality }: { draftId: string; section: SectionState; actions: SectionActions; draftQuality?: unknown }) {
  const [editing, setEditing] = useState(false)
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [conflict, setConflict] = useState(false)
  const [showQuality, setShowQuality] = useState(false)
  const editId = useId()
  const headingId = `section-${section.sectionId}-title`

  const generating = section.status === 'generating'
  const busyStatus = generating || section.status === 'pending'
  const words = sectionWords(section)
  const quality = sectionQuality(section, draftQuality)
  const grade = sectionGrade(section, quality)
  // All citation chips of the section (in the text and under it) are one tab stop; arrow keys move between them.
  const chips = useRovingTabStop<HTMLElement>('.cite-chip')
  const title = section.title
  const uniqueCitations = [...new Map(section.citations.map((c) => [`${c.pageStart}-${c.pageEnd}`, c])).values()].sort((a, b) => a.pageStart - b.pageStart)

  const run = async (action: () => Promise<DraftSection | undefined>) => {
    setBusy(true)
    setError(null)
    try {
      const result = await action()
      if (result && typeof result === 'object' && 'sectionId' in result) actions.onMerge(result)
      else await actions.onRefresh(section.sectionId)
      return true
    } catch (err) {
      setError(err)
      return false
    } finally {
      setBusy(false)
    }
  }

  const save = async () => {
    setConflict(false)
    setBusy(true)
    setError(null)
    try {
      const result = await api.saveSection(draftId, section.sectionId, text, section.version)
      if (result && typeof result === 'object' && 'sectionId' in result) actions.onMerge(result)
      else await actions.onRefresh(section.sectionId)
      setEditing(false)
    } catch (err) {
      if (err instanceof ApiError && err.isVersionConflict) setConflict(true)
      else setError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <article
      ref={chips.containerRef}
      id={`section-${section.sectionId}`}
      tabIndex={-1}
      className={`section-card status-${section.status}`}
      aria-labelledby={headingId}
      data-section-id={section.sectionId}
      aria-busy={generating}
      onFocus={chips.onFocus}
      onKeyDown={chips.onKeyDown}
    >
      <header className="section-card-header">
        <h3 id={headingId} className="section-title">
          {section.title}
        </h3>
        <StatusChip status={section.status} />
      </header>
      <div className="section-meta muted small">
        <span data-testid="word-count">{words.toLocaleString()} words</span>
        <span aria-hidden="true">·</span>
        <span title="Flesch-Kincaid grade level; target 8 or below">Grade {grade == null ? '—' : grade.toFixed(1)}</span>
        <span aria-hidden="true">·</span>
        <span>Version {section.version}</span>
      </div>

      {editing ? (
        <div className="edit-box">
          <label htmlFor={editId} className="visually-hidden">
            Text of {section.title}
          </label>
          <textarea id={editId} value={text} onChange={(e) => setText(e.target.value)} rows={Math.min(24, Math.max(6, Math.ceil(text.length / 90)))} />
          {conflict && (
            <div className="alert alert-warning" role="alert">
              <span>
                This section was changed by someone else (or in another tab) since you started editing, so your text was not saved. Reload the latest version to
                continue; copy your text first if you want to keep it.
              </span>
              <button
                type="button"
                className="btn btn-small"
                aria-label={`Reload latest version of ${title}`}
                onClick={async () => {
                  await actions.onRefresh(section.sectionId)
                  setConflict(false)
                  setEditing(false)
                }}
              >
                Reload latest version
              </button>
            </div>
          )}
          <div className="section-actions">
            <button type="button" className="btn btn-primary btn-small" onClick={save} disabled={busy} aria-label={`Save ${title}`}>
              {busy ? 'Saving…' : 'Save'}
            </button>
            <button
              type="button"
              className="btn btn-small"
              aria-label={`Cancel editing ${title}`}
              onClick={() => {
                setEditing(false)
                setConflict(false)
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : section.content || generating ? (
        <SectionText content={section.content} citations={section.citations} generating={generating} onCite={actions.onCite} />
      ) : (
        <p className="muted section-placeholder">{section.status === 'pending' ? 'Waiting to start…' : section.status === 'interrupted' ? 'Generation was interrupted. Regenerate to continue.' : 'No text.'}</p>
      )}

      {section.error && section.status === 'failed' && <p className="error-text">{section.error}</p>}

      {uniqueCitations.length > 0 && !editing && (
        <div className="citations" role="group" aria-label={`Cited protocol pages for ${title}`}>
          <span className="muted small">Sources:</span>
          {uniqueCitations.map((c) => (
            <CitationChip key={`${c.key}-${c.pageStart}`} citation={c} onOpen={actions.onCite} />
          ))}
        </div>
      )}

      <ErrorMessage error={error} onDismiss={() => setError(null)} />

      {!editing && (
        <div className="section-actions">
          {section.status === 'approved' ? (
            <button
              type="button"
              className="btn btn-small"
              disabled={busy}
              aria-label={`Unapprove ${title}`}
              onClick={() => run(() => api.unapprove(draftId, section.sectionId, section.version))}
            >
              Unapprove
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-primary btn-small"
              disabled={busy || busyStatus || !section.content}
              aria-label={`Approve ${title}`}
              onClick={() => run(() => api.approve(draftId, section.sectionId, section.version))}
            >
              Approve
            </button>
          )}
          <button
            type="button"
            className="btn btn-small"
            disabled={busy || busyStatus || section.status === 'approved'}
            aria-label={`Edit ${title}`}
            onClick={() => {
              setText(section.content)
              setEditing(true)
              setConflict(false)
            }}
          >
            Edit
          </button>
          <button
            type="button"
            className="btn btn-small"
            disabled={busy || busyStatus || section.status === 'approved'}
            aria-label={`Regenerate ${title}`}
            onClick={() => actions.onRegenerate(section)}
          >
            Regenerate
          </button>
          <button type="button" className="btn btn-small btn-ghost" aria-label={`History of ${title}`} onClick={() => actions.onHistory(section)}>
            History
          </button>
          {quality && (
            <button
              type="button"
              className="btn btn-small btn-ghost"
              aria-expanded={showQuality}
              aria-label={`Quality of ${title}`}
              onClick={() => setShowQuality((v) => !v)}
            >
              Quality
            </button>
          )}
        </div>
      )}
      {showQuality && quality && <QualityDetails summary={quality} compact />}
    </article>
  )
}

export const SectionCard = memo(SectionCardImpl)

import { useCallback, useEffect, useMemo, useState } from 'react'
import { api, downloadFile } from '../api/client'
import type { Citation, Study } from '../api/types'
import { CitationPanel } from '../components/CitationPanel'
import { ErrorMessage, formatDate, Spinner } from '../components/common'
import { ApproveAllDialog } from '../components/ApproveAllDialog'
import { LiveAnnouncer } from '../components/LiveAnnouncer'
import { QualityDetails } from '../components/QualityPanel'
import { ProfilePanel } from '../components/ProfilePanel'
import { SectionOutline } from '../components/SectionOutline'
import { RegenerateDialog } from '../components/RegenerateDialog'
import { SectionCard, type SectionActions } from '../components/SectionCard'
import { VersionHistory } from '../components/VersionHistory'
import { progress, type SectionState } from '../lib/draftState'
import { summarize } from '../lib/quality'
import { Link } from '../lib/router'
import { useDraft } from '../lib/useDraft'

const downloadsId = 'downloads'

/** Scrolls to an element of the page and moves focus there (it has tabIndex -1), so keyboard users continue from it. */
function jumpTo(elementId: string) {
  const target = document.getElementById(elementId)
  if (!target) return
  const smooth = !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches
  target.scrollIntoView?.({ block: 'start', behavior: smooth ? 'smooth' : 'auto' })
  target.focus({ preventScroll: true })
}
const jumpToSection = (sectionId: string) => jumpTo(`section-${sectionId}`)
const jumpToDownloads = () => jumpTo(downloadsId)

const formats = [
  { id: 'pdf', label: 'PDF' },
  { id: 'docx', label: 'Word (DOCX)' },
  { id: 'md', label: 'Markdown' },
] as const

function Downloads({ draftId, allApproved }: { draftId: string; allApproved: boolean }) {
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [annotated, setAnnotated] = useState(false)
  const get = async (format: string, draft: boolean) => {
    setBusy(`${format}-${draft}`)
    setError(null)
    try {
      const query = `format=${format}${draft ? '&draft=true' : ''}${annotated ? '&annotated=true' : ''}`
      await downloadFile(`/api/drafts/${encodeURIComponent(draftId)}/document?${query}`, `ICF${draft ? '_DRAFT' : ''}.${format}`)
    } catch (err) {
      setError(err)
    } finally {
      setBusy(null)
    }
  }
  return (
    <section id={downloadsId} tabIndex={-1} className="card downloads" aria-labelledby="download-heading">
      <h2 id="download-heading" className="section-heading">
        Download
      </h2>
      <div className="download-row">
        <span className="download-label">Final</span>
        {formats.map((f) => (
          <button
            key={f.id}
            type="button"
            className="btn btn-small btn-primary"
            disabled={!allApproved || busy !== null}
            onClick={() => get(f.id, false)}
            aria-label={`Final document as ${f.label}`}
          >
            {f.label}
          </button>
        ))}
      </div>
      {!allApproved && <p className="muted small">The final document is available once every section is approved.</p>}
      <div className="download-row">
        <span className="download-label">Draft copy</span>
        {formats.map((f) => (
          <button key={f.id} type="button" className="btn btn-small" disabled={busy !== null} onClick={() => get(f.id, true)} aria-label={`Draft copy as ${f.label}`}>
            {f.label}
          </button>
        ))}
      </div>
      <p className="muted small">Draft copies are watermarked DRAFT.</p>
      <label className="checkbox">
        <input type="checkbox" checked={annotated} onChange={(e) => setAnnotated(e.target.checked)} />
        Keep protocol citations as footnotes (for internal review)
      </label>
      <ErrorMessage error={error} onDismiss={() => setError(null)} />
    </section>
  )
}

export function DraftPage({ draftId }: { draftId: string }) {
  const { state, loadError, streamStatus, merge, refreshSection, expectGeneration } = useDraft(draftId)
  const [study, setStudy] = useState<Study | null>(null)
  const [citation, setCitation] = useState<Citation | null>(null)
  const [regenerating, setRegenerating] = useState<SectionState | null>(null)
  const [history, setHistory] = useState<SectionState | null>(null)
  const [approvingAll, setApprovingAll] = useState(false)
  const [notice, setNotice] = useState('')
  const [draftQuality, setDraftQuality] = useState<unknown>(null)
  // Bumped when the study's facts are saved, so the quality shown is fetched again with them.
  const [factsSaved, setFactsSaved] = useState(0)

  const studyId = state.draft?.studyId
  useEffect(() => {
    if (studyId) api.getStudy(studyId).then(setStudy, () => setStudy(null))
  }, [studyId])

  const { done, total, generating } = progress(state)
  const sections = state.order.map((id) => state.sections[id])
  const approved = sections.filter((s) => s.status === 'approved').length
  const allApproved = total > 0 && approved === total

  // Draft-wide quality: fetched when generation settles and after each section's quality arrives.
  const qualityKey = sections.map((s) => `${s.version}:${s.status}:${s.quality ? 1 : 0}`).join('|')
  useEffect(() => {
    if (!state.draft || generating > 0) return
    api.quality(draftId).then(setDraftQuality, () => setDraftQuality(null))
  }, [draftId, state.draft, generating, qualityKey, factsSaved])

  const refresh = useCallback((id: string) => refreshSection(id).catch(() => {}), [refreshSection])
  const actions: SectionActions = useMemo(
    () => ({
      onCite: setCitation,
      onMerge: merge,
      onRefresh: refresh,
      onRegenerate: setRegenerating,
      onHistory: setHistory,
    }),
    [merge, refresh],
  )

  if (!state.draft) {
    return (
      <div className="page">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link to="/">Studies</Link>
        </nav>
        {loadError ? <ErrorMessage error={loadError} /> : <Spinner label="Loading draft" />}
      </div>
    )
  }

  const acronym = study?.metadata?.acronym?.value ?? state.draft.studyId
  const percent = total ? Math.round((done / total) * 100) : 0
  const qualitySummary = summarize(draftQuality)

  return (
    <div className={`page page-draft${citation ? ' with-panel' : ''}`}>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Studies</Link> <span aria-hidden="true">/</span> <Link to={`/studies/${encodeURIComponent(state.draft.studyId)}`}>{acronym}</Link>{' '}
        <span aria-hidden="true">/</span> <span aria-current="page">Draft</span>
      </nav>
      <header className="page-header">
        <div>
          <h1>Informed consent draft</h1>
          <p className="muted">
            {acronym} · {state.draft.provider}
            {state.draft.model ? ` (${state.draft.model})` : ''} · template {state.draft.template} · started {formatDate(state.draft.createdAt)}
          </p>
        </div>
      </header>

      {(streamStatus === 'reconnecting' || (streamStatus === 'connecting' && state.lastEventId != null)) && (
        <div className="alert alert-warning banner" role="status">
          <span className="spinner" aria-hidden="true" /> Connection to the live stream was lost. Reconnecting; no text will be lost.
        </div>
      )}
      <ErrorMessage error={state.error} />

      <section className="progress-card card" aria-labelledby="progress-heading">
        <div className="progress-text">
          <h2 id="progress-heading" className="section-heading">
            {generating > 0 ? `Writing ${generating} section${generating === 1 ? '' : 's'}…` : done === total ? 'All sections written' : 'Waiting to start'}
          </h2>
          <span className="muted">
            {done} of {total} sections written · {approved} approved
          </span>
        </div>
        <progress max={100} value={percent} aria-label={`Sections written: ${percent}%`} />
        <div className="progress-actions">
          <button
            type="button"
            className="btn btn-primary btn-small"
            aria-haspopup="dialog"
            disabled={total === 0}
            onClick={() => {
              setNotice('')
              setApprovingAll(true)
            }}
          >
            Approve all
          </button>
          <p className="muted small" role="status">
            {notice}
          </p>
        </div>
      </section>

      <LiveAnnouncer sections={sections} />

      <div className="draft-layout">
        <SectionOutline sections={sections} draftQuality={draftQuality} onJump={jumpToSection} onDownloads={jumpToDownloads} downloadsId={downloadsId} />
        <section className="sections" aria-label="Sections">
          {sections.map((s) => (
            <SectionCard key={s.sectionId} draftId={draftId} section={s} actions={actions} draftQuality={draftQuality} />
          ))}
        </section>
        <div className="draft-aside">
          <Downloads draftId={draftId} allApproved={allApproved} />
          {qualitySummary && (
            <section className="card" aria-labelledby="quality-heading">
              <h2 id="quality-heading" className="section-heading">
                Quality of the whole draft
              </h2>
              <QualityDetails summary={qualitySummary} />
            </section>
          )}
          <section className="card" aria-labelledby="facts-heading">
            <details>
              <summary>
                <h2 id="facts-heading" className="section-heading inline-heading">
                  Study profile
                </h2>
              </summary>
              <ProfilePanel studyId={state.draft.studyId} onSaved={() => setFactsSaved((n) => n + 1)} onShowPage={setCitation} />
            </details>
          </section>
        </div>
      </div>

      {citation && <CitationPanel studyId={state.draft.studyId} citation={citation} onClose={() => setCitation(null)} />}
      {regenerating && (
        <RegenerateDialog
          title={regenerating.title}
          onClose={() => setRegenerating(null)}
          onSubmit={async (feedback) => {
            await api.regenerate(draftId, regenerating.sectionId, feedback)
            expectGeneration(regenerating.sectionId)
            setRegenerating(null)
          }}
        />
      )}
      {approvingAll && (
        <ApproveAllDialog
          sections={sections}
          approve={(s) => api.approve(draftId, s.sectionId, s.version)}
          onApproved={(o) => (o.result && typeof o.result === 'object' && 'sectionId' in o.result ? merge(o.result) : refresh(o.section.sectionId))}
          onClose={(count) => {
            setApprovingAll(false)
            if (count) setNotice(`${count} section${count === 1 ? '' : 's'} approved.`)
          }}
        />
      )}
      {history && <VersionHistory draftId={draftId} sectionId={history.sectionId} title={history.title} onClose={() => setHistory(null)} />}
    </div>
  )
}

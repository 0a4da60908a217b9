import { memo, useId, useState, type MouseEvent } from 'react'
import type { SectionStatus } from '../api/types'
import type { SectionState } from '../lib/draftState'
import { sectionGrade, sectionQuality, sectionWords } from '../lib/sectionStats'

// Shorter than the cards' labels so that a row's status, words and grade fit on one line.
const statusLabels: Record<SectionStatus, string> = {
  pending: 'Waiting',
  generating: 'Writing',
  ready: 'Ready',
  approved: 'Approved',
  failed: 'Failed',
  interrupted: 'Interrupted',
}

/** A plain left click is handled in the page (scroll and focus); other clicks (new tab) keep the link's own behaviour. */
function followed(e: MouseEvent<HTMLAnchorElement>): boolean {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return false
  e.preventDefault()
  return true
}

const OutlineItem = memo(function OutlineItem({ section, draftQuality, onJump }: { section: SectionState; draftQuality: unknown; onJump: (sectionId: string) => void }) {
  const words = sectionWords(section)
  const grade = sectionGrade(section, sectionQuality(section, draftQuality))
  return (
    <li className={`outline-item status-${section.status}`}>
      <a href={`#section-${section.sectionId}`} onClick={(e) => followed(e) && onJump(section.sectionId)} className="outline-link">
        <span className="outline-title">{section.title}</span>{' '}
        <span className="outline-meta">
          <span className={`outline-status outline-status-${section.status}`}>{statusLabels[section.status] ?? section.status}</span>
          <span aria-hidden="true"> · </span>
          <span className="nowrap" data-testid="outline-words">
            {words.toLocaleString()} words · grade {grade == null ? '—' : grade.toFixed(1)}
          </span>
        </span>
      </a>
    </li>
  )
})

/**
 * Every section at a glance beside the cards: title, live status, words and reading grade, so the parallel writing is
 * visible at once; a click jumps to the card and moves focus there. On narrow screens the list folds away.
 */
export function SectionOutline({
  sections,
  draftQuality,
  onJump,
  onDownloads,
  downloadsId,
}: {
  sections: SectionState[]
  draftQuality: unknown
  onJump: (sectionId: string) => void
  onDownloads: () => void
  downloadsId: string
}) {
  const [open, setOpen] = useState(false)
  const listId = useId()
  const written = sections.filter((s) => s.status !== 'pending' && s.status !== 'generating').length
  return (
    <nav className={`outline card${open ? ' outline-open' : ''}`} aria-label="Section outline">
      <div className="outline-header">
        <h2 className="section-heading">Sections</h2>
        <span className="muted small">
          {written} of {sections.length} written
        </span>
        <button type="button" className="btn btn-small btn-ghost outline-toggle" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((v) => !v)}>
          {open ? 'Hide list' : 'Show list'}
        </button>
      </div>
      <div id={listId} className="outline-body">
        <ol className="outline-list">
          {sections.map((s) => (
            <OutlineItem key={s.sectionId} section={s} draftQuality={draftQuality} onJump={onJump} />
          ))}
        </ol>
        <a href={`#${downloadsId}`} className="outline-downloads small" onClick={(e) => followed(e) && onDownloads()}>
          Go to downloads
        </a>
      </div>
    </nav>
  )
}

import { useEffect, useRef, useState } from 'react'
import { api } from '../api/client'
import type { Citation, StoredPage } from '../api/types'
import { ErrorMessage, Spinner } from './common'
import { pageLabel } from './SectionText'

/** Finds what to highlight: the cited passage when known, else the heading the citation names. */
export function findPassage(text: string, citation: Citation): [number, number] | null {
  const lower = text.toLowerCase()
  const candidates: string[] = []
  if (citation.text) {
    const t = citation.text.replace(/\s+/g, ' ').trim()
    candidates.push(t, t.slice(0, 120), t.slice(0, 60))
  }
  const heading = citation.sectionPath?.split(/\s*[>›/]\s*/).pop()?.trim()
  if (heading) candidates.push(heading, heading.replace(/^[\d.]+\s*/, ''))
  const flat = lower.replace(/\s+/g, ' ')
  for (const c of candidates) {
    if (!c || c.length < 3) continue
    const idx = flat.indexOf(c.toLowerCase())
    if (idx < 0) continue
    // Map the position in the whitespace-collapsed text back to the original.
    let orig = 0
    let flatPos = 0
    while (flatPos < idx && orig < text.length) {
      if (/\s/.test(text[orig])) {
        while (orig + 1 < text.length && /\s/.test(text[orig + 1])) orig++
      }
      orig++
      flatPos++
    }
    const start = orig
    let end = start
    let count = 0
    while (count < c.length && end < text.length) {
      if (/\s/.test(text[end])) {
        while (end + 1 < text.length && /\s/.test(text[end + 1])) end++
      }
      end++
      count++
    }
    if (!citation.text) {
      // A heading: highlight its first lines, up to a blank line or the next numbered heading.
      const rest = text.slice(end)
      const stop = rest.search(/\n\s*\n|\n\d+(?:\.\d+)*\s+[A-Z]/)
      end += Math.min(stop < 0 ? rest.length : stop, 500)
    }
    return [start, end]
  }
  return null
}

export function CitationPanel({ studyId, citation, onClose }: { studyId: string; citation: Citation; onClose: () => void }) {
  const [page, setPage] = useState<StoredPage | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [pageNumber, setPageNumber] = useState(citation.pageStart)
  const markRef = useRef<HTMLElement>(null)
  const closeRef = useRef<HTMLButtonElement>(null)

  const [passage, setPassage] = useState<string | null>(null)
  useEffect(() => setPageNumber(citation.pageStart), [citation])
  // The citation names its chunk; a search by its heading finds that chunk's exact text to highlight.
  useEffect(() => {
    setPassage(null)
    const heading = citation.sectionPath?.split('>').pop()?.trim()
    if (citation.text || !heading) return
    let cancelled = false
    api.search(studyId, heading).then(
      (hits) => {
        const hit = hits.find((h) => h.chunkId === citation.chunkId)
        if (!cancelled && hit) setPassage(hit.text)
      },
      () => {},
    )
    return () => {
      cancelled = true
    }
  }, [studyId, citation])
  useEffect(() => {
    setPage(null)
    setError(null)
    api.getPage(studyId, pageNumber).then(setPage, setError)
  }, [studyId, pageNumber])
  // Focus moves into the panel; when it closes (Esc or Close), focus goes back to the chip that opened it.
  const openerRef = useRef<HTMLElement | null>(null)
  useEffect(() => {
    const active = document.activeElement
    if (active instanceof HTMLElement && active !== document.body && !closeRef.current?.closest('aside')?.contains(active)) openerRef.current = active
    closeRef.current?.focus()
  }, [citation])
  useEffect(() => () => openerRef.current?.focus(), [])
  useEffect(() => {
    markRef.current?.scrollIntoView?.({ block: 'center' })
  }, [page])
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose()
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [onClose])

  const range = page ? findPassage(page.text, passage ? { ...citation, text: passage } : citation) ?? findPassage(page.text, citation) : null
  const pages: number[] = []
  for (let p = citation.pageStart; p <= Math.max(citation.pageStart, citation.pageEnd); p++) pages.push(p)

  return (
    <aside className="side-panel" aria-labelledby="cite-heading">
      <div className="side-panel-header">
        <div>
          <h2 id="cite-heading" className="section-heading">
            Protocol {pageLabel(citation)}
          </h2>
          {citation.sectionPath && <p className="muted small">{citation.sectionPath}</p>}
        </div>
        <button ref={closeRef} type="button" className="btn btn-ghost btn-small" onClick={onClose} aria-label="Close protocol page">
          Close
        </button>
      </div>
      {pages.length > 1 && (
        <div className="page-tabs" role="group" aria-label="Cited pages">
          {pages.map((p) => (
            <button key={p} type="button" className={`btn btn-small${p === pageNumber ? ' btn-primary' : ''}`} aria-pressed={p === pageNumber} onClick={() => setPageNumber(p)}>
              Page {p}
            </button>
          ))}
        </div>
      )}
      <ErrorMessage error={error} />
      {!page && !error && <Spinner label="Loading page" />}
      {page && (
        <div className="page-text" role="region" tabIndex={0} aria-label={`Text of protocol page ${page.number}`}>
          {range ? (
            <>
              {page.text.slice(0, range[0])}
              <mark ref={markRef}>{page.text.slice(range[0], range[1])}</mark>
              {page.text.slice(range[1])}
            </>
          ) : (
            page.text
          )}
        </div>
      )}
    </aside>
  )
}

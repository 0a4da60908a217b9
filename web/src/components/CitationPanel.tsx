import { type ReactNode, type Ref, useEffect, useRef, useState } from 'react'
import { api } from '../api/client'
import type { Citation, CitationSupport, PageRange, StoredPage } from '../api/types'
import { ErrorMessage, Spinner } from './common'
import { pageLabel } from './SectionText'

/** A page's text with the given ranges marked; the first mark gets `markRef`, to scroll it into view. */
export function markedText(text: string, ranges: PageRange[], markRef?: Ref<HTMLElement>): ReactNode[] {
  const out: ReactNode[] = []
  let at = 0
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    const start = Math.max(r.start, at)
    const end = Math.min(r.end, text.length)
    if (end <= start) continue
    const first = at === 0 && out.length === 0
    out.push(text.slice(at, start))
    out.push(
      <mark key={start} ref={first ? markRef : undefined}>
        {text.slice(start, end)}
      </mark>,
    )
    at = end
  }
  out.push(text.slice(at))
  return out
}

/** Where the quote's words occur in the page text, whatever the whitespace between them (line breaks on the page). */
export function quoteRanges(text: string, page: number, quote: string): PageRange[] {
  const words = quote.trim().split(/\s+/).filter(Boolean)
  if (words.length === 0) return []
  const pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'g')
  return [...text.matchAll(pattern)].map((m) => ({ page, start: m.index, end: m.index + m[0].length }))
}

export function CitationPanel({ studyId, citation, onClose }: { studyId: string; citation: Citation; onClose: () => void }) {
  const [page, setPage] = useState<StoredPage | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [support, setSupport] = useState<CitationSupport | null>(null)
  const [pageNumber, setPageNumber] = useState<number | null>(null)
  const markRef = useRef<HTMLElement>(null)
  const closeRef = useRef<HTMLButtonElement>(null)

  // The server finds the passage's sentence behind the draft sentence and the page holding it; without it the page still opens.
  useEffect(() => {
    let cancelled = false
    setSupport(null)
    setPageNumber(null)
    if (citation.quote) {
      setPageNumber(citation.pageStart)
      return
    }
    api.citationSupport(studyId, citation.chunkId, citation.sentence).then(
      (found) => {
        if (cancelled) return
        setSupport(found)
        setPageNumber(found.page)
      },
      () => !cancelled && setPageNumber(citation.pageStart),
    )
    return () => {
      cancelled = true
    }
  }, [studyId, citation])
  useEffect(() => {
    if (pageNumber == null) return
    let cancelled = false
    setPage(null)
    setError(null)
    api.getPage(studyId, pageNumber, support?.documentId).then(
      (p) => !cancelled && setPage(p),
      (e) => !cancelled && setError(e),
    )
    return () => {
      cancelled = true
    }
  }, [studyId, pageNumber, support])
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

  const highlights = !page
    ? []
    : citation.quote
      ? quoteRanges(page.text, page.number, citation.quote)
      : support
        ? support.highlights.filter((h) => h.page === page.number)
        : []
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
          {markedText(page.text, highlights, markRef)}
        </div>
      )}
    </aside>
  )
}

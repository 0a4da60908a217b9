import type { ReactNode } from 'react'
import type { Citation } from '../api/types'
import { citedSentence } from '../lib/citations'

const pageLabel = (c: Citation) => (c.pageEnd && c.pageEnd !== c.pageStart ? `pp. ${c.pageStart}–${c.pageEnd}` : `p. ${c.pageStart}`)

export function CitationChip({ citation, onOpen }: { citation: Citation; onOpen: (c: Citation) => void }) {
  return (
    <button
      type="button"
      className="cite-chip"
      onClick={() => onOpen(citation)}
      aria-label={`Citation ${citation.key}: protocol ${pageLabel(citation)}${citation.sectionPath ? `, ${citation.sectionPath}` : ''}`}
      title={citation.sectionPath || undefined}
    >
      {pageLabel(citation)}
    </button>
  )
}

const marker = /\[([A-Za-z]{0,3}\d+)\]/g

/** A line's text with citation markers as chips; while generating, unknown markers are quiet placeholders. */
function inline(text: string, byKey: Map<string, Citation>, generating: boolean, onCite: (c: Citation) => void): ReactNode[] {
  const out: ReactNode[] = []
  let last = 0
  marker.lastIndex = 0
  for (let m = marker.exec(text); m; m = marker.exec(text)) {
    const citation = byKey.get(m[1])
    if (!citation && !generating) continue
    out.push(text.slice(last, m.index))
    out.push(
      citation ? (
        <CitationChip key={m.index} citation={{ ...citation, sentence: citedSentence(text, m.index) }} onOpen={onCite} />
      ) : (
        <span key={m.index} className="cite-pending" title="Source, linked when the section is complete">
          {m[1]}
        </span>
      ),
    )
    last = m.index + m[0].length
  }
  out.push(text.slice(last))
  return out
}

/**
 * A section's text, line by line: "- " lines as bullets, "#" lines as subheadings, blank lines as paragraph breaks,
 * citation markers ([P12]) as page chips. It re-renders as tokens arrive, so the last line grows in place.
 */
export function SectionText({ content, citations, generating, onCite }: { content: string; citations: Citation[]; generating: boolean; onCite: (c: Citation) => void }) {
  const byKey = new Map(citations.map((c) => [c.key, c]))
  const lines = content.split('\n')
  return (
    <div className="section-text">
      {lines.map((line, i) => {
        const cursor = generating && i === lines.length - 1 ? <span className="cursor" aria-hidden="true" /> : null
        const bullet = /^\s*[-*•]\s+(.*)$/.exec(line)
        const heading = /^\s*#{1,6}\s+(.*)$/.exec(line)
        if (bullet) {
          return (
            <div key={i} className="text-bullet">
              {inline(bullet[1], byKey, generating, onCite)}
              {cursor}
            </div>
          )
        }
        if (heading) {
          return (
            <div key={i} className="text-subheading">
              {inline(heading[1], byKey, generating, onCite)}
              {cursor}
            </div>
          )
        }
        if (!line.trim()) return <div key={i} className="text-gap">{cursor}</div>
        return (
          <div key={i} className="text-line">
            {inline(line, byKey, generating, onCite)}
            {cursor}
          </div>
        )
      })}
    </div>
  )
}

export { pageLabel }

import type { Citation } from '../api/types'

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

/**
 * A section's text with its citation markers ([P12]) shown as page chips. Text is pre-wrapped so that it can
 * grow token by token without reflowing into different blocks.
 */
export function SectionText({ content, citations, generating, onCite }: { content: string; citations: Citation[]; generating: boolean; onCite: (c: Citation) => void }) {
  const byKey = new Map(citations.map((c) => [c.key, c]))
  // While a section is written its citations are not known yet: markers show as quiet placeholders until then.
  const parts: (string | Citation | { pending: string })[] = []
  const marker = /\[([A-Za-z]{0,3}\d+)\]/g
  let last = 0
  for (let m = marker.exec(content); m; m = marker.exec(content)) {
    const citation = byKey.get(m[1])
    if (!citation && !generating) continue
    parts.push(content.slice(last, m.index), citation ?? { pending: m[1] })
    last = m.index + m[0].length
  }
  parts.push(content.slice(last))
  return (
    <div className="section-text">
      {parts.map((p, i) =>
        typeof p === 'string' ? (
          <span key={i}>{p}</span>
        ) : 'pending' in p ? (
          <span key={i} className="cite-pending" title="Source, linked when the section is complete">
            {p.pending}
          </span>
        ) : (
          <CitationChip key={i} citation={p} onOpen={onCite} />
        ),
      )}
      {generating && <span className="cursor" aria-hidden="true" />}
    </div>
  )
}

export { pageLabel }

import { diffWords } from 'diff'
import { useEffect, useState } from 'react'
import { api } from '../api/client'
import type { SectionVersion } from '../api/types'
import { ErrorMessage, formatDate, Modal, Spinner } from './common'

const reasonLabels: Record<string, string> = {
  generated: 'Generated',
  regenerated: 'Regenerated',
  edited: 'Edited',
  approved: 'Approved',
  unapproved: 'Approval withdrawn',
}

/** Side-by-side word diff: the left pane shows what was removed, the right what was added. */
export function SideBySideDiff({ before, after, leftLabel, rightLabel }: { before: string; after: string; leftLabel: string; rightLabel: string }) {
  const parts = diffWords(before, after)
  return (
    <div className="diff" data-testid="diff">
      <div className="diff-pane">
        <h3 className="diff-label">{leftLabel}</h3>
        <div className="diff-text" role="region" tabIndex={0} aria-label={`${leftLabel}, removed text struck through`}>
          {parts.map((p, i) =>
            p.added ? null : p.removed ? (
              <del key={i} className="diff-del">
                {p.value}
              </del>
            ) : (
              <span key={i}>{p.value}</span>
            ),
          )}
        </div>
      </div>
      <div className="diff-pane">
        <h3 className="diff-label">{rightLabel}</h3>
        <div className="diff-text" role="region" tabIndex={0} aria-label={`${rightLabel}, added text highlighted`}>
          {parts.map((p, i) =>
            p.removed ? null : p.added ? (
              <ins key={i} className="diff-ins">
                {p.value}
              </ins>
            ) : (
              <span key={i}>{p.value}</span>
            ),
          )}
        </div>
      </div>
    </div>
  )
}

export function VersionHistory({ draftId, sectionId, title, onClose }: { draftId: string; sectionId: string; title: string; onClose: () => void }) {
  const [versions, setVersions] = useState<SectionVersion[] | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [left, setLeft] = useState<number | null>(null)
  const [right, setRight] = useState<number | null>(null)

  useEffect(() => {
    api.versions(draftId, sectionId).then((list) => {
      const sorted = [...list].sort((a, b) => a.version - b.version)
      setVersions(sorted)
      if (sorted.length) {
        setRight(sorted[sorted.length - 1].version)
        setLeft(sorted[Math.max(0, sorted.length - 2)].version)
      }
    }, setError)
  }, [draftId, sectionId])

  const byVersion = (n: number | null) => versions?.find((v) => v.version === n)
  const a = byVersion(left)
  const b = byVersion(right)
  const label = (v: SectionVersion) => `Version ${v.version} · ${reasonLabels[v.reason?.toLowerCase()] ?? v.reason}`

  return (
    <Modal
      title={`Version history: ${title}`}
      onClose={onClose}
      wide
      actions={
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      }
    >
      <ErrorMessage error={error} />
      {!versions && !error && <Spinner label="Loading versions" />}
      {versions && (
        <>
          <table className="table table-compact">
            <caption className="visually-hidden">Versions of this section</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">What</th>
                <th scope="col">Who</th>
                <th scope="col">When</th>
                <th scope="col">Feedback</th>
              </tr>
            </thead>
            <tbody>
              {[...versions].reverse().map((v) => (
                <tr key={v.version}>
                  <td>{v.version}</td>
                  <td>{reasonLabels[v.reason?.toLowerCase()] ?? v.reason}</td>
                  <td>{v.author ? <span title={`Requested by ${v.actor}`}>{v.author}</span> : v.actor}</td>
                  <td className="nowrap">{formatDate(v.at)}</td>
                  <td>{v.feedback ? <q>{v.feedback}</q> : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="diff-controls">
            <label>
              Compare
              <select value={left ?? ''} onChange={(e) => setLeft(Number(e.target.value))}>
                {versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    {label(v)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              with
              <select value={right ?? ''} onChange={(e) => setRight(Number(e.target.value))}>
                {versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    {label(v)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {a && b && <SideBySideDiff before={a.content} after={b.content} leftLabel={label(a)} rightLabel={label(b)} />}
        </>
      )}
    </Modal>
  )
}

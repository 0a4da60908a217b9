import type { QualitySummary } from '../lib/quality'

const statusText: Record<string, string> = { present: 'Present', missing: 'Missing', notapplicable: 'Not applicable' }

export function QualityDetails({ summary, compact }: { summary: QualitySummary; compact?: boolean }) {
  const missing = summary.elements.filter((e) => e.status.toLowerCase() === 'missing')
  const present = summary.elements.filter((e) => e.status.toLowerCase() === 'present')
  return (
    <div className="quality">
      <dl className="quality-stats">
        {summary.grade != null && (
          <div>
            <dt>Reading grade</dt>
            <dd className={summary.grade > summary.targetGrade ? 'warn' : 'ok'}>
              {summary.grade.toFixed(1)} <span className="muted small">target ≤ {summary.targetGrade}</span>
            </dd>
          </div>
        )}
        {summary.readingEase != null && (
          <div>
            <dt>Reading ease</dt>
            <dd>{summary.readingEase.toFixed(0)}</dd>
          </div>
        )}
        {summary.smog != null && (
          <div>
            <dt>SMOG</dt>
            <dd>{summary.smog.toFixed(1)}</dd>
          </div>
        )}
        {summary.elements.length > 0 && (
          <div>
            <dt>Required elements</dt>
            <dd className={missing.length ? 'warn' : 'ok'}>
              {present.length} present, {missing.length} missing
            </dd>
          </div>
        )}
        <div>
          <dt>Unsupported numbers</dt>
          <dd className={summary.unsupported.length ? 'warn' : 'ok'}>{summary.unsupported.length}</dd>
        </div>
      </dl>
      {summary.unsupported.length > 0 && (
        <>
          <h4 className="quality-heading">Numbers not found in the protocol</h4>
          <ul className="flag-list">
            {summary.unsupported.map((f, i) => (
              <li key={i}>
                <strong>{f.text}</strong>
                {f.sentence && <span className="muted"> — “{f.sentence}”</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {summary.jargon.length > 0 && (
        <>
          <h4 className="quality-heading">Plain-language suggestions</h4>
          <ul className="flag-list">
            {summary.jargon.map((f, i) => (
              <li key={i}>{f.text}</li>
            ))}
          </ul>
        </>
      )}
      {!compact && summary.elements.length > 0 && (
        <>
          <h4 className="quality-heading">Regulatory elements</h4>
          <ul className="element-list">
            {summary.elements.map((e) => (
              <li key={e.id || e.name} className={`element element-${e.status.toLowerCase()}`}>
                <span className="element-status">{statusText[e.status.toLowerCase()] ?? e.status}</span>
                <span className="element-name">
                  {e.name}
                  {e.citation && <span className="muted small"> ({e.citation})</span>}
                </span>
                {e.evidence && <span className="element-evidence muted small">“{e.evidence}”</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}

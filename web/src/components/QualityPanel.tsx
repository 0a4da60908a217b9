import type { QualityElement, QualitySummary } from '../lib/quality'

const statusText: Record<string, string> = { present: 'Present', missing: 'Missing', notapplicable: 'N/A' }
const key = (e: QualityElement) => e.status.toLowerCase()

function ElementItem({ e }: { e: QualityElement }) {
  return (
    <li className={`element element-${key(e)}`}>
      <span className="element-status">{statusText[key(e)] ?? e.status}</span>
      <span className="element-name">
        {e.name}
        {e.citation && <span className="muted small"> ({e.citation})</span>}
        {e.applicability === 'recommended' && <span className="muted small"> · when appropriate</span>}
      </span>
      {e.missingParts.length > 0 && <span className="element-evidence small">Missing: {e.missingParts.join(', ')}</span>}
      {e.evidence && (
        <span className="element-evidence muted small">
          “{e.evidence}”{e.section ? ` — ${e.section}` : ''}
        </span>
      )}
      {e.secondOpinion && <span className="element-evidence muted small">Second opinion (model): {e.secondOpinion}</span>}
    </li>
  )
}

export function QualityDetails({ summary, compact }: { summary: QualitySummary; compact?: boolean }) {
  const missing = summary.elements.filter((e) => key(e) === 'missing')
  const present = summary.elements.filter((e) => key(e) === 'present')
  const notApplicable = summary.elements.filter((e) => key(e) === 'notapplicable')
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
        {summary.elements.length > 0 &&
          (compact ? (
            <div>
              <dt>Required elements covered here</dt>
              <dd>{present.length}</dd>
            </div>
          ) : (
            <div>
              <dt>Required elements</dt>
              <dd className={missing.length ? 'warn' : 'ok'}>
                {present.length} present, {missing.length} missing
              </dd>
            </div>
          ))}
        <div>
          <dt>Unsupported numbers</dt>
          <dd className={summary.unsupported.length ? 'warn' : 'ok'}>{summary.unsupported.length}</dd>
        </div>
        <div>
          <dt>Sentences for the study team</dt>
          <dd className={summary.staffFacing.length ? 'warn' : 'ok'}>{summary.staffFacing.length}</dd>
        </div>
      </dl>
      {summary.contradictions.length > 0 && (
        <>
          <h3 className="quality-heading">Contradictions between sections</h3>
          <ul className="flag-list">
            {summary.contradictions.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        </>
      )}
      {summary.unsupported.length > 0 && (
        <>
          <h3 className="quality-heading">Numbers not found in the protocol</h3>
          <ul className="flag-list">
            {summary.unsupported.map((f, i) => (
              <li key={i}>
                <strong>{f.text}</strong>
                {f.section && !compact && <span className="muted"> ({f.section})</span>}
                {f.sentence && <span className="muted"> — “{f.sentence}”</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {summary.staffFacing.length > 0 && (
        <>
          <h3 className="quality-heading">Written for the study team, not the participant</h3>
          <ul className="flag-list">
            {summary.staffFacing.map((f, i) => (
              <li key={i}>
                “{f.sentence}”{f.section && !compact && <span className="muted"> ({f.section})</span>}
                {f.reason && <span className="muted"> — {f.reason}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {summary.jargon.length > 0 && (
        <>
          <h3 className="quality-heading">Plain-language suggestions</h3>
          <ul className="flag-list">
            {summary.jargon.slice(0, 12).map((f, i) => (
              <li key={i}>{f.text}</li>
            ))}
          </ul>
        </>
      )}
      {missing.length > 0 && (
        <>
          <h3 className="quality-heading">Missing regulatory elements</h3>
          <ul className="element-list">
            {missing.map((e) => (
              <ElementItem key={e.id || e.name} e={e} />
            ))}
          </ul>
        </>
      )}
      {!compact && present.length > 0 && (
        <details className="quality-more">
          <summary>Elements present ({present.length})</summary>
          <ul className="element-list">
            {present.map((e) => (
              <ElementItem key={e.id || e.name} e={e} />
            ))}
          </ul>
        </details>
      )}
      {!compact && notApplicable.length > 0 && (
        <details className="quality-more">
          <summary>Not applicable to this study ({notApplicable.length})</summary>
          <ul className="element-list">
            {notApplicable.map((e) => (
              <ElementItem key={e.id || e.name} e={e} />
            ))}
          </ul>
        </details>
      )}
    </div>
  )
}

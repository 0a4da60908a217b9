import { useRef, useState } from 'react'
import type { DraftSection } from '../api/types'
import { approveSections, planApproval, type ApprovalOutcome } from '../lib/approveAll'
import type { SectionState } from '../lib/draftState'
import { Modal } from './common'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * Confirms and runs "Approve all": lists the sections it will approve, those already approved (skipped) and those that
 * cannot be approved now (still being written, failed), then approves each at the version listed and reports each
 * refusal by section.
 */
export function ApproveAllDialog({
  sections,
  approve,
  onApproved,
  onClose,
}: {
  sections: SectionState[]
  approve: (section: SectionState) => Promise<DraftSection | undefined>
  onApproved: (outcome: ApprovalOutcome & { ok: true }) => void
  onClose: (approvedCount: number | null) => void
}) {
  // The plan is fixed when the dialog opens: what was listed is what gets approved.
  const [plan] = useState(() => planApproval(sections))
  const [done, setDone] = useState<ApprovalOutcome[]>([])
  const [state, setState] = useState<'confirm' | 'working' | 'finished'>('confirm')
  const closeRef = useRef<HTMLButtonElement>(null)
  const failed = done.filter((o): o is ApprovalOutcome & { ok: false } => !o.ok)
  const succeeded = done.length - failed.length

  const run = async () => {
    setState('working')
    const outcomes = await approveSections(plan.approve, approve, (o) => {
      setDone((d) => [...d, o])
      if (o.ok) onApproved(o)
    })
    if (outcomes.every((o) => o.ok)) {
      onClose(outcomes.length)
      return
    }
    setState('finished')
    closeRef.current?.focus()
  }

  const count = plan.approve.length
  return (
    <Modal
      title="Approve all sections"
      onClose={() => state !== 'working' && onClose(state === 'finished' ? succeeded : null)}
      actions={
        <>
          <button
            ref={closeRef}
            type="button"
            className="btn"
            onClick={() => onClose(state === 'finished' ? succeeded : null)}
            disabled={state === 'working'}
            data-autofocus
          >
            {state === 'finished' ? 'Close' : 'Cancel'}
          </button>
          {state !== 'finished' && count > 0 && (
            <button type="button" className="btn btn-primary" onClick={run} disabled={state === 'working'}>
              {state === 'working' ? 'Approving…' : `Approve ${plural(count, 'section')}`}
            </button>
          )}
        </>
      }
    >
      {count > 0 ? (
        <>
          <p>
            {plural(count, 'section')} will be approved as you see {count === 1 ? 'it' : 'them'} now:
          </p>
          <ul className="approve-list" aria-label="Sections to approve">
            {plan.approve.map((s) => (
              <li key={s.sectionId}>{s.title}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{plan.approved.length === sections.length ? 'Every section is approved.' : 'No section is ready to approve.'}</p>
      )}
      {plan.approved.length > 0 && (
        <p className="muted small">
          Already approved, skipped: {plan.approved.map((s) => s.title).join(', ')}.
        </p>
      )}
      {plan.blocked.length > 0 && (
        <>
          <p>Cannot be approved now:</p>
          <ul className="approve-list" aria-label="Sections that cannot be approved">
            {plan.blocked.map(({ section, reason }) => (
              <li key={section.sectionId}>
                {section.title}: {reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {state === 'working' && (
        <p role="status">
          Approving {Math.min(done.length + 1, count)} of {count}…
        </p>
      )}
      {state === 'finished' && (
        <div className="alert alert-error" role="alert">
          <div>
            <p>
              {plural(succeeded, 'section')} approved; {plural(failed.length, 'section')} could not be approved:
            </p>
            <ul>
              {failed.map((o) => (
                <li key={o.section.sectionId}>
                  {o.section.title}: {o.error}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </Modal>
  )
}

import { ApiError } from '../api/client'
import type { DraftSection } from '../api/types'
import type { SectionState } from './draftState'

export interface ApprovalPlan {
  /** Ready sections with text: approved at the version listed. */
  approve: SectionState[]
  /** Already approved: skipped. */
  approved: SectionState[]
  /** Not approvable now, with the reason in plain words. */
  blocked: { section: SectionState; reason: string }[]
}

const blockedReasons: Record<string, string> = {
  pending: 'waiting to be written',
  generating: 'still being written',
  failed: 'writing failed; regenerate it first',
  interrupted: 'writing was interrupted; regenerate it first',
}

/** Sorts the sections into those "Approve all" approves, skips and cannot approve. */
export function planApproval(sections: SectionState[]): ApprovalPlan {
  const plan: ApprovalPlan = { approve: [], approved: [], blocked: [] }
  for (const s of sections) {
    if (s.status === 'approved') plan.approved.push(s)
    else if (s.status === 'ready' && s.content.trim()) plan.approve.push(s)
    else plan.blocked.push({ section: s, reason: blockedReasons[s.status] ?? 'has no text' })
  }
  return plan
}

export type ApprovalOutcome = { section: SectionState; ok: true; result: DraftSection | undefined } | { section: SectionState; ok: false; error: string }

/**
 * Approves the planned sections one by one (each its own request and audit entry), each at the version listed, so a
 * section changed since (edited elsewhere, regenerated) is refused instead of approved unseen. One failure does not
 * stop the rest.
 */
export async function approveSections(
  sections: SectionState[],
  approve: (section: SectionState) => Promise<DraftSection | undefined>,
  onOutcome: (outcome: ApprovalOutcome) => void,
): Promise<ApprovalOutcome[]> {
  const outcomes: ApprovalOutcome[] = []
  for (const section of sections) {
    let outcome: ApprovalOutcome
    try {
      outcome = { section, ok: true, result: await approve(section) }
    } catch (err) {
      const error =
        err instanceof ApiError && err.isVersionConflict
          ? 'it changed after this list was made; review it and approve it on its card'
          : err instanceof Error
            ? err.message
            : String(err)
      outcome = { section, ok: false, error }
    }
    outcomes.push(outcome)
    onOutcome(outcome)
  }
  return outcomes
}

import type { SectionStatus } from '../api/types'
import { activeStatuses, type SectionState } from './draftState'

const outcomes: Partial<Record<SectionStatus, string>> = {
  ready: 'written',
  failed: 'failed',
  interrupted: 'interrupted',
}

/**
 * What to tell a screen reader user about sections that finished since the last look: "Risks and Discomforts written",
 * "… failed". Only a section that was being written and now is not counts, so loading a finished draft says nothing.
 */
export function sectionAnnouncements(before: Record<string, SectionStatus>, sections: SectionState[]): string[] {
  const out: string[] = []
  for (const s of sections) {
    const was = before[s.sectionId]
    const outcome = outcomes[s.status]
    if (was && activeStatuses.includes(was) && outcome) out.push(`${s.title} ${outcome}`)
  }
  return out
}

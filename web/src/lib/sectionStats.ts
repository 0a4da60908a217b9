import type { SectionState } from './draftState'
import { isActive } from './draftState'
import { sectionPartOf, summarize, type QualitySummary } from './quality'
import { fleschKincaidGrade, wordCount } from './readability'

/** Words shown for a section: counted live while it is written, else the server's count (the same rule). */
export function sectionWords(section: SectionState): number {
  return section.status === 'generating' || !section.wordCount ? wordCount(section.content) : section.wordCount
}

/** The section's quality results: its own (from the stream), else its part of the draft's, never for text still being written. */
export function sectionQuality(section: SectionState, draftQuality: unknown): QualitySummary | null {
  return summarize(section.quality ?? (isActive(section) ? null : sectionPartOf(draftQuality, section.sectionId)))
}

/** The reading grade shown: the server's when its checks ran, else estimated in the browser. */
export function sectionGrade(section: SectionState, quality: QualitySummary | null): number | null {
  return quality?.grade ?? fleschKincaidGrade(section.content)
}

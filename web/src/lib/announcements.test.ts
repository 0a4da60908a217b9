import { describe, expect, it } from 'vitest'
import type { SectionStatus } from '../api/types'
import { sectionAnnouncements } from './announcements'
import type { SectionState } from './draftState'

const s = (sectionId: string, status: SectionStatus): SectionState => ({
  sectionId,
  title: `${sectionId[0].toUpperCase()}${sectionId.slice(1)}`,
  status,
  content: '',
  wordCount: 0,
  citations: [],
  version: 1,
  live: false,
})

describe('sectionAnnouncements', () => {
  it('says which sections finished or failed since they were being written', () => {
    const before: Record<string, SectionStatus> = { purpose: 'generating', risks: 'generating', costs: 'pending', privacy: 'generating' }
    expect(sectionAnnouncements(before, [s('purpose', 'ready'), s('risks', 'failed'), s('costs', 'interrupted'), s('privacy', 'generating')])).toEqual([
      'Purpose written',
      'Risks failed',
      'Costs interrupted',
    ])
  })

  it('says nothing for approvals, edits or sections it has not seen being written', () => {
    const before: Record<string, SectionStatus> = { purpose: 'ready', risks: 'approved' }
    expect(sectionAnnouncements(before, [s('purpose', 'approved'), s('risks', 'ready'), s('costs', 'ready')])).toEqual([])
  })
})

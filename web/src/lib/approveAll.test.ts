import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/client'
import type { SectionStatus } from '../api/types'
import { approveSections, planApproval } from './approveAll'
import type { SectionState } from './draftState'

const section = (sectionId: string, status: SectionStatus, content = 'Some text.'): SectionState => ({
  sectionId,
  title: sectionId,
  status,
  content,
  wordCount: 2,
  citations: [],
  version: 1,
  live: false,
})

describe('planApproval', () => {
  it('approves ready sections with text, skips approved ones and says why the rest cannot be approved', () => {
    const plan = planApproval([
      section('a', 'ready'),
      section('b', 'approved'),
      section('c', 'generating'),
      section('d', 'pending', ''),
      section('e', 'failed', ''),
      section('f', 'interrupted', 'Half'),
      section('g', 'ready', '  '),
    ])
    expect(plan.approve.map((s) => s.sectionId)).toEqual(['a'])
    expect(plan.approved.map((s) => s.sectionId)).toEqual(['b'])
    expect(plan.blocked.map((b) => `${b.section.sectionId}: ${b.reason}`)).toEqual([
      'c: still being written',
      'd: waiting to be written',
      'e: writing failed; regenerate it first',
      'f: writing was interrupted; regenerate it first',
      'g: has no text',
    ])
  })
})

describe('approveSections', () => {
  it('goes on after a refusal and reports each outcome in order', async () => {
    const seen: string[] = []
    const outcomes = await approveSections(
      [section('a', 'ready'), section('b', 'ready'), section('c', 'ready')],
      async (s) => {
        if (s.sectionId === 'a') throw new ApiError(412, 'Someone else changed this in the meantime.')
        if (s.sectionId === 'b') throw new ApiError(409, 'Only a ready section can be approved.')
        return { ...s, status: 'approved', version: 2 }
      },
      (o) => seen.push(o.section.sectionId),
    )
    expect(seen).toEqual(['a', 'b', 'c'])
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.error))).toEqual([
      'it changed after this list was made; review it and approve it on its card',
      'Only a ready section can be approved.',
      'ok',
    ])
  })
})

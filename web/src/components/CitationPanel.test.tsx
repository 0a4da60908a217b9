import { describe, expect, it } from 'vitest'
import { findPassage } from './CitationPanel'

const page = `3 Study Design
3.1 Overall Design
This is a randomized,   double-blind study.
Participants are assigned 1:1.

3.2 Rationale
Because it works.`

const cite = { key: 'P1', chunkId: 1, pageStart: 4, pageEnd: 4, sectionPath: '3 Study Design > 3.1 Overall Design' }

describe('findPassage', () => {
  it('highlights the cited passage even when its spacing differs', () => {
    const [start, end] = findPassage(page, { ...cite, text: 'This is a randomized, double-blind study.' })!
    expect(page.slice(start, end)).toBe('This is a randomized,   double-blind study.')
  })

  it('falls back to the cited heading and its paragraph', () => {
    const [start, end] = findPassage(page, cite)!
    expect(page.slice(start, end)).toBe('3.1 Overall Design\nThis is a randomized,   double-blind study.\nParticipants are assigned 1:1.')
  })

  it('finds nothing for text not on the page', () => {
    expect(findPassage(page, { ...cite, text: 'Nowhere to be found', sectionPath: 'Appendix' })).toBeNull()
  })
})

import { describe, expect, it } from 'vitest'
import type { Draft } from '../api/types'
import { applyEvent, fromDraft, progress, type DraftState, type StreamEvent } from './draftState'

const draft = (sections: Partial<Draft['sections'][number]>[], extra: Partial<Draft> = {}): Draft => ({
  draftId: 'd1',
  studyId: 's1',
  provider: 'offline',
  template: 'default',
  createdAt: '2026-01-01T00:00:00Z',
  sections: sections.map((s, i) => ({
    sectionId: `s${i}`,
    title: `Section ${i}`,
    status: 'pending',
    content: '',
    wordCount: 0,
    citations: [],
    version: 0,
    ...s,
  })),
  ...extra,
})

let seq = 0
const ev = (name: string, data: Record<string, unknown>, id: number | null = ++seq): StreamEvent => ({ id, name, data })
const apply = (state: DraftState, ...events: StreamEvent[]) => events.reduce(applyEvent, state)

describe('draft state', () => {
  it('appends tokens to every generating section independently', () => {
    seq = 0
    let s = fromDraft(draft([{}, {}]))
    s = apply(
      s,
      ev('section_start', { sectionId: 's0', title: 'Purpose', version: 1 }),
      ev('section_start', { sectionId: 's1', title: 'Risks', version: 1 }),
      ev('token', { sectionId: 's0', content: 'You are ' }),
      ev('token', { sectionId: 's1', content: 'Risks ' }),
      ev('token', { sectionId: 's0', content: 'invited.' }),
      ev('token', { sectionId: 's1', content: 'include.' }),
    )
    expect(s.sections.s0.content).toBe('You are invited.')
    expect(s.sections.s1.content).toBe('Risks include.')
    expect(s.sections.s0.status).toBe('generating')
    expect(s.sections.s0.title).toBe('Purpose')
    expect(progress(s)).toEqual({ total: 2, done: 0, generating: 2 })
  })

  it('takes the completed text, citations and version on section_complete', () => {
    seq = 0
    let s = fromDraft(draft([{}]))
    s = apply(
      s,
      ev('section_start', { sectionId: 's0', version: 1 }),
      ev('token', { sectionId: 's0', content: 'Partial' }),
      ev('section_complete', {
        sectionId: 's0',
        content: 'Full text [P3].',
        wordCount: 2,
        version: 1,
        citations: [{ key: 'P3', chunkId: 7, pageStart: 3, pageEnd: 3, sectionPath: '1 Intro' }],
      }),
    )
    expect(s.sections.s0).toMatchObject({ content: 'Full text [P3].', status: 'ready', wordCount: 2, version: 1, live: false })
    expect(s.sections.s0.citations).toHaveLength(1)
  })

  it('skips events it has already applied when a stream is replayed', () => {
    seq = 0
    const events = [ev('section_start', { sectionId: 's0', version: 1 }), ev('token', { sectionId: 's0', content: 'a' }), ev('token', { sectionId: 's0', content: 'b' })]
    let s = apply(fromDraft(draft([{}])), ...events)
    // A reconnect that sends the last two again and then a new one.
    s = apply(s, events[1], events[2], ev('token', { sectionId: 's0', content: 'c' }, 4))
    expect(s.sections.s0.content).toBe('abc')
    expect(s.lastEventId).toBe(4)
  })

  it('ignores a replayed generation older than an edited version', () => {
    seq = 0
    let s = fromDraft(draft([{ status: 'ready', content: 'Edited text', version: 2 }]))
    s = apply(
      s,
      ev('section_start', { sectionId: 's0', version: 1 }),
      ev('token', { sectionId: 's0', content: 'old' }),
      ev('section_complete', { sectionId: 's0', content: 'old', version: 1 }),
    )
    expect(s.sections.s0).toMatchObject({ content: 'Edited text', status: 'ready', version: 2 })
  })

  it('keeps an approved section when its own generation is replayed', () => {
    seq = 0
    let s = fromDraft(draft([{ status: 'approved', content: 'Final', version: 1 }]))
    s = apply(s, ev('section_start', { sectionId: 's0', version: 1 }), ev('token', { sectionId: 's0', content: 'x' }), ev('section_complete', { sectionId: 's0', content: 'Final', version: 1 }))
    expect(s.sections.s0.status).toBe('approved')
  })

  it('does not rewrite a finished section when its generation is replayed', () => {
    seq = 0
    let s = fromDraft(draft([{ status: 'ready', content: 'Final text', version: 1 }]))
    s = apply(s, ev('section_start', { sectionId: 's0', version: 1 }), ev('token', { sectionId: 's0', content: 'Fin' }))
    expect(s.sections.s0).toMatchObject({ content: 'Final text', status: 'ready' })
    s = apply(s, ev('section_complete', { sectionId: 's0', content: 'Final text', version: 1 }))
    expect(s.sections.s0).toMatchObject({ content: 'Final text', status: 'ready' })
  })

  it('streams a regeneration into the card while skipping the replayed first generation', () => {
    seq = 0
    let s = fromDraft(draft([{ status: 'ready', content: 'First', version: 1 }]))
    s = { ...s, sections: { s0: { ...s.sections.s0, status: 'pending', awaitingNewVersion: true } } }
    s = apply(s, ev('section_start', { sectionId: 's0', version: 1 }), ev('token', { sectionId: 's0', content: 'First' }), ev('section_complete', { sectionId: 's0', content: 'First', version: 1 }))
    expect(s.sections.s0).toMatchObject({ status: 'pending', content: 'First' })
    s = apply(s, ev('section_start', { sectionId: 's0', version: 2 }), ev('token', { sectionId: 's0', content: 'Sec' }))
    expect(s.sections.s0).toMatchObject({ status: 'generating', content: 'Sec', version: 2 })
    s = apply(s, ev('token', { sectionId: 's0', content: 'ond' }), ev('section_complete', { sectionId: 's0', content: 'Second', version: 2 }))
    expect(s.sections.s0).toMatchObject({ status: 'ready', content: 'Second', version: 2 })
  })

  it('rebuilds a section that was mid-generation on reload from a full replay', () => {
    seq = 0
    let s = fromDraft(draft([{ status: 'generating', content: 'Half writ', version: 1 }]))
    s = apply(s, ev('section_start', { sectionId: 's0', version: 1 }), ev('token', { sectionId: 's0', content: 'Half ' }), ev('token', { sectionId: 's0', content: 'written' }))
    expect(s.sections.s0.content).toBe('Half written')
  })

  it('extends the snapshot when the server says which event it reflects', () => {
    seq = 10
    let s = fromDraft(draft([{ status: 'generating', content: 'Half ', version: 1 }], { lastEventId: 10 }))
    expect(s.lastEventId).toBe(10)
    s = apply(s, ev('token', { sectionId: 's0', content: 'written' }))
    expect(s.sections.s0.content).toBe('Half written')
  })

  it('marks a section failed on a final error and keeps generating on a retry', () => {
    seq = 0
    let s = apply(fromDraft(draft([{}, {}])), ev('section_start', { sectionId: 's0', version: 1 }), ev('section_start', { sectionId: 's1', version: 1 }))
    s = apply(s, ev('section_error', { sectionId: 's0', message: 'Rate limited', willRetry: true }), ev('section_error', { sectionId: 's1', message: 'Provider down', willRetry: false }))
    expect(s.sections.s0.status).toBe('generating')
    expect(s.sections.s1).toMatchObject({ status: 'failed', error: 'Provider down' })
  })

  it('stores section quality and the draft-level completion', () => {
    seq = 0
    let s = fromDraft(draft([{ status: 'ready', content: 'x', version: 1 }]))
    s = apply(s, ev('section_quality', { sectionId: 's0', version: 1, quality: { readability: { fleschKincaidGrade: 7.2 } } }), ev('complete', { draftId: 'd1' }))
    expect(s.sections.s0.quality).toEqual({ readability: { fleschKincaidGrade: 7.2 } })
    expect(s.complete).toBe(true)
  })
})

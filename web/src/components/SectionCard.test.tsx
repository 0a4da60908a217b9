import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { SectionState } from '../lib/draftState'
import { json, mockFetch } from '../test/fakes'
import { SectionCard, type SectionActions } from './SectionCard'

afterEach(() => vi.unstubAllGlobals())

const section = (over: Partial<SectionState> = {}): SectionState => ({
  sectionId: 'risks',
  title: 'Risks and discomforts',
  status: 'ready',
  content: 'You may feel dizzy [P4].',
  wordCount: 4,
  citations: [{ key: 'P4', chunkId: 9, pageStart: 4, pageEnd: 4, sectionPath: '6 Safety' }],
  version: 3,
  live: false,
  ...over,
})

const actions = (): SectionActions & { [k: string]: ReturnType<typeof vi.fn> } => ({
  onCite: vi.fn(),
  onMerge: vi.fn(),
  onRefresh: vi.fn(async () => {}),
  onRegenerate: vi.fn(),
  onHistory: vi.fn(),
})

describe('SectionCard', () => {
  it('shows title, status, word count, grade and citation chips', async () => {
    const a = actions()
    render(<SectionCard draftId="d1" section={section()} actions={a} />)
    expect(screen.getByRole('heading', { name: 'Risks and discomforts' })).toBeInTheDocument()
    expect(screen.getByText('Ready for review')).toBeInTheDocument()
    expect(screen.getByTestId('word-count')).toHaveTextContent('4 words')
    const chips = screen.getAllByRole('button', { name: /Citation P4: protocol p\. 4/ })
    expect(chips.length).toBeGreaterThan(0)
    await userEvent.click(chips[0])
    expect(a.onCite).toHaveBeenCalledWith(expect.objectContaining({ pageStart: 4 }))
  })

  it('shows a blinking cursor and counts words live while generating', () => {
    const { container } = render(<SectionCard draftId="d1" section={section({ status: 'generating', content: 'You are invited to', wordCount: 0, citations: [] })} actions={actions()} />)
    expect(container.querySelector('.cursor')).not.toBeNull()
    expect(screen.getByTestId('word-count')).toHaveTextContent('4 words')
    expect(screen.getByRole('button', { name: 'Approve Risks and discomforts' })).toBeDisabled()
  })

  it('explains a version conflict on save and offers to reload', async () => {
    const calls = mockFetch({ 'PUT /api/drafts/d1/sections/risks': () => json(412, { title: 'Version conflict', status: 412 }) })
    const a = actions()
    render(<SectionCard draftId="d1" section={section()} actions={a} />)
    await userEvent.click(screen.getByRole('button', { name: 'Edit Risks and discomforts' }))
    const box = screen.getByRole('textbox', { name: /Text of Risks/ })
    await userEvent.clear(box)
    await userEvent.type(box, 'Changed text')
    await userEvent.click(screen.getByRole('button', { name: 'Save Risks and discomforts' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(/changed by someone else/)
    expect(new Headers(calls[0].init?.headers).get('If-Match')).toBe('"3"')
    await userEvent.click(screen.getByRole('button', { name: 'Reload latest version of Risks and discomforts' }))
    await waitFor(() => expect(a.onRefresh).toHaveBeenCalledWith('risks'))
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument()
  })

  it('approves the version shown and merges the returned section', async () => {
    const calls = mockFetch({ 'POST /api/drafts/d1/sections/risks/approve': () => json(200, { ...section({ status: 'approved', version: 4 }), live: undefined }) })
    const a = actions()
    render(<SectionCard draftId="d1" section={section()} actions={a} />)
    await userEvent.click(screen.getByRole('button', { name: 'Approve Risks and discomforts' }))
    await waitFor(() => expect(a.onMerge).toHaveBeenCalledWith(expect.objectContaining({ status: 'approved', version: 4 })))
    expect(new Headers(calls[0].init?.headers).get('If-Match')).toBe('"3"')
  })

  it('names the section in every action button', () => {
    render(<SectionCard draftId="d1" section={section()} actions={actions()} draftQuality={{ sections: [] }} />)
    for (const name of ['Approve', 'Edit', 'Regenerate', 'History of']) {
      expect(screen.getByRole('button', { name: `${name} Risks and discomforts` })).toBeInTheDocument()
    }
    expect(screen.getByRole('group', { name: 'Cited protocol pages for Risks and discomforts' })).toBeInTheDocument()
  })

  it('makes the citation chips one tab stop that arrow keys, Home and End move through', async () => {
    const citations = [4, 7, 9].map((p) => ({ key: `P${p}`, chunkId: p, pageStart: p, pageEnd: p, sectionPath: `${p} Part` }))
    render(
      <>
        <button type="button">Before</button>
        <SectionCard draftId="d1" section={section({ content: 'Dizzy [P4]. Tired [P7]. Sick [P9].', citations })} actions={actions()} />
      </>,
    )
    const chips = screen.getAllByRole('button', { name: /^Citation P/ })
    expect(chips).toHaveLength(6) // three in the text, three under it
    expect(chips.filter((c) => c.tabIndex === 0)).toHaveLength(1)

    await userEvent.click(screen.getByRole('button', { name: 'Before' }))
    await userEvent.tab()
    expect(chips[0]).toHaveFocus()
    await userEvent.keyboard('{ArrowRight}')
    expect(chips[1]).toHaveFocus()
    await userEvent.keyboard('{End}')
    expect(chips[5]).toHaveFocus()
    await userEvent.keyboard('{ArrowRight}')
    expect(chips[0]).toHaveFocus()
    await userEvent.keyboard('{ArrowLeft}')
    expect(chips[5]).toHaveFocus()
    await userEvent.keyboard('{Home}')
    expect(chips[0]).toHaveFocus()
    await userEvent.keyboard('{ArrowRight}{ArrowRight}')
    // One Tab leaves the chips: the next stop is the first action button; Shift+Tab comes back to the chip last used.
    await userEvent.tab()
    expect(screen.getByRole('button', { name: 'Approve Risks and discomforts' })).toHaveFocus()
    await userEvent.tab({ shift: true })
    expect(chips[2]).toHaveFocus()
    expect(chips.filter((c) => c.tabIndex === 0)).toEqual([chips[2]])
  })

  it('shows a refusal in plain words', async () => {
    mockFetch({ 'POST /api/drafts/d1/sections/risks/approve': () => json(409, { title: 'Section is still generating' }) })
    render(<SectionCard draftId="d1" section={section()} actions={actions()} />)
    await userEvent.click(screen.getByRole('button', { name: 'Approve Risks and discomforts' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Section is still generating.')
  })
})

import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { SectionState } from '../lib/draftState'
import { SectionOutline } from './SectionOutline'

const section = (over: Partial<SectionState>): SectionState => ({
  sectionId: 'risks',
  title: 'Risks',
  status: 'ready',
  content: '',
  wordCount: 0,
  citations: [],
  version: 1,
  live: false,
  ...over,
})

describe('SectionOutline', () => {
  it('shows status, words and grade of each section and jumps on click', async () => {
    const onJump = vi.fn()
    const onDownloads = vi.fn()
    const simple = 'You can stop at any time. You do not have to say why. Your care will not change.'
    render(
      <SectionOutline
        sections={[
          section({ sectionId: 'purpose', title: 'Purpose', status: 'generating', content: 'You are invited [P2] to' }),
          section({ sectionId: 'risks', title: 'Risks', status: 'ready', content: simple, wordCount: 18 }),
        ]}
        draftQuality={{ sections: [{ sectionId: 'risks', readability: { fleschKincaidGrade: 3.2 } }] }}
        onJump={onJump}
        onDownloads={onDownloads}
        downloadsId="downloads"
      />,
    )
    const nav = screen.getByRole('navigation', { name: 'Section outline' })
    expect(nav).toHaveTextContent('1 of 2 written')
    const [purpose, risks] = within(nav).getAllByRole('link')
    expect(purpose).toHaveAttribute('href', '#section-purpose')
    expect(purpose).toHaveTextContent('Purpose Writing · 4 words · grade —')
    expect(risks).toHaveTextContent(/^Risks Ready · 18 words · grade \d+\.\d$/)

    await userEvent.click(risks)
    expect(onJump).toHaveBeenCalledWith('risks')
    await userEvent.click(within(nav).getByRole('link', { name: 'Go to downloads' }))
    expect(onDownloads).toHaveBeenCalled()
  })

  it('folds its list behind a button (shown on narrow screens)', async () => {
    render(<SectionOutline sections={[section({})]} draftQuality={null} onJump={() => {}} onDownloads={() => {}} downloadsId="downloads" />)
    const toggle = screen.getByRole('button', { name: 'Show list' })
    expect(toggle).toHaveAttribute('aria-expanded', 'false')
    await userEvent.click(toggle)
    expect(screen.getByRole('button', { name: 'Hide list' })).toHaveAttribute('aria-expanded', 'true')
    expect(screen.getByRole('navigation')).toHaveClass('outline-open')
  })
})

import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { json, mockFetch } from '../test/fakes'
import { RegenerateDialog } from './RegenerateDialog'
import { VersionHistory } from './VersionHistory'

afterEach(() => vi.unstubAllGlobals())

describe('RegenerateDialog', () => {
  it('counts characters and sends the feedback', async () => {
    const onSubmit = vi.fn(async () => {})
    render(<RegenerateDialog title="Risks" onSubmit={onSubmit} onClose={() => {}} />)
    const box = screen.getByRole('textbox', { name: 'What should change?' })
    expect(box).toHaveFocus()
    await userEvent.type(box, 'Shorter sentences')
    expect(screen.getByText('17 / 2,000 characters')).toBeInTheDocument()
    expect(box).toHaveAttribute('maxLength', '2000')
    await userEvent.click(screen.getByRole('button', { name: 'Regenerate' }))
    expect(onSubmit).toHaveBeenCalledWith('Shorter sentences')
  })

  it('closes on Escape', async () => {
    const onClose = vi.fn()
    render(<RegenerateDialog title="Risks" onSubmit={async () => {}} onClose={onClose} />)
    await userEvent.keyboard('{Escape}')
    expect(onClose).toHaveBeenCalled()
  })
})

describe('VersionHistory', () => {
  it('lists versions with their reasons and diffs the last two side by side', async () => {
    mockFetch({
      'GET /api/drafts/d1/sections/risks/versions': () =>
        json(200, [
          { sectionId: 'risks', version: 1, content: 'You may feel dizzy.', reason: 'generated', actor: 'offline', at: '2026-01-01T10:00:00Z' },
          { sectionId: 'risks', version: 2, content: 'You may feel tired.', reason: 'regenerated', actor: 'user', at: '2026-01-01T11:00:00Z', feedback: 'Say tired' },
        ]),
    })
    render(<VersionHistory draftId="d1" sectionId="risks" title="Risks" onClose={() => {}} />)
    await waitFor(() => expect(screen.getByTestId('diff')).toBeInTheDocument())
    expect(screen.getByText('Say tired')).toBeInTheDocument()
    const diff = screen.getByTestId('diff')
    expect(diff.querySelector('del')).toHaveTextContent('dizzy')
    expect(diff.querySelector('ins')).toHaveTextContent('tired')
  })

  it('names the provider and model for generated texts and the person for edits and approvals', async () => {
    mockFetch({
      'GET /api/drafts/d1/sections/risks/versions': () =>
        json(200, [
          { sectionId: 'risks', version: 1, content: 'A.', reason: 'generated', actor: 'alice', author: 'offline', at: '2026-01-01T10:00:00Z' },
          { sectionId: 'risks', version: 2, content: 'B.', reason: 'regenerated', actor: 'alice', author: 'anthropic:claude-sonnet-4-5', at: '2026-01-01T11:00:00Z' },
          { sectionId: 'risks', version: 3, content: 'C.', reason: 'edited', actor: 'bob', author: null, at: '2026-01-01T12:00:00Z' },
          { sectionId: 'risks', version: 4, content: 'C.', reason: 'approved', actor: 'carol', at: '2026-01-01T13:00:00Z' },
        ]),
    })
    render(<VersionHistory draftId="d1" sectionId="risks" title="Risks" onClose={() => {}} />)
    const rows = (await screen.findAllByRole('row')).slice(1)
    const who = rows.map((r) => r.querySelectorAll('td')[2].textContent)
    expect(who).toEqual(['carol', 'bob', 'anthropic:claude-sonnet-4-5', 'offline'])
    expect(screen.getByText('offline')).toHaveAttribute('title', 'Requested by alice')
  })
})

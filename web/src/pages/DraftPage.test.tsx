import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeEventSource, json, mockFetch } from '../test/fakes'
import { DraftPage } from './DraftPage'

const sections = ['purpose', 'procedures', 'risks'].map((id, i) => ({
  sectionId: id,
  title: id[0].toUpperCase() + id.slice(1),
  order: i,
  status: 'pending',
  content: '',
  wordCount: 0,
  citations: [],
  version: 0,
}))

beforeEach(() => {
  FakeEventSource.instances = []
  vi.stubGlobal('EventSource', FakeEventSource)
  mockFetch({
    'GET /api/drafts/d1': () => json(200, { draftId: 'd1', studyId: 'S1', provider: 'offline', template: 'default', createdAt: '2026-01-01T00:00:00Z', sections }),
    'GET /api/studies/S1': () => json(200, { studyId: 'S1', metadata: { acronym: { value: 'CARDIO' } } }),
    'GET /api/drafts/d1/quality': () => json(404, { title: 'Not Found' }),
  })
})
afterEach(() => vi.unstubAllGlobals())

const card = (title: string) => screen.getByRole('article', { name: title })

describe('DraftPage', () => {
  it('streams tokens into every section at once and closes the stream when done', async () => {
    render(<DraftPage draftId="d1" />)
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1))
    const es = FakeEventSource.instances[0]
    expect(es.url).toBe('/api/drafts/d1/events')
    act(() => {
      es.open()
      let id = 0
      for (const s of sections) es.emit('section_start', { sectionId: s.sectionId, title: s.title, version: 1 }, ++id)
      for (const word of ['You ', 'will ', 'be ']) for (const s of sections) es.emit('token', { sectionId: s.sectionId, content: word }, ++id)
    })
    await waitFor(() => expect(within(card('Risks')).getByText('You will be', { exact: false })).toBeInTheDocument())
    for (const s of sections) {
      expect(within(card(s.title)).getByText('Generating')).toBeInTheDocument()
      expect(card(s.title).querySelector('.cursor')).not.toBeNull()
    }
    expect(screen.getByRole('heading', { name: 'Writing 3 sections…' })).toBeInTheDocument()

    act(() => {
      let id = 100
      for (const s of sections) es.emit('section_complete', { sectionId: s.sectionId, content: `Final ${s.title}.`, wordCount: 2, citations: [], version: 1 }, ++id)
      es.emit('complete', { draftId: 'd1' }, ++id)
    })
    await waitFor(() => expect(within(card('Purpose')).getByText('Final Purpose.')).toBeInTheDocument())
    for (const s of sections) expect(within(card(s.title)).getByText('Ready for review')).toBeInTheDocument()
    await waitFor(() => expect(es.closed).toBe(true))
  })

  it('shows every section in the outline with its live status and words, and jumps to a card', async () => {
    render(<DraftPage draftId="d1" />)
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1))
    const es = FakeEventSource.instances[0]
    act(() => {
      es.open()
      es.emit('section_start', { sectionId: 'risks', title: 'Risks', version: 1 }, 1)
      es.emit('token', { sectionId: 'risks', content: 'You may feel dizzy [P1] or tired ' }, 2)
    })
    const outline = screen.getByRole('navigation', { name: 'Section outline' })
    const items = within(outline).getAllByRole('listitem')
    expect(items.map((i) => within(i).getByRole('link').querySelector('.outline-title')?.textContent)).toEqual(['Purpose', 'Procedures', 'Risks'])
    await waitFor(() => expect(within(items[2]).getByText('Writing')).toBeInTheDocument())
    // The outline counts by the same rule as the card: the citation key is not a word.
    expect(within(items[2]).getByTestId('outline-words')).toHaveTextContent('6 words')
    expect(within(card('Risks')).getByTestId('word-count')).toHaveTextContent('6 words')
    expect(within(items[0]).getByText('Waiting')).toBeInTheDocument()

    await userEvent.click(within(outline).getByRole('link', { name: /^Risks/ }))
    expect(card('Risks')).toHaveFocus()
  })

  it('announces finished and failed sections politely', async () => {
    render(<DraftPage draftId="d1" />)
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1))
    const es = FakeEventSource.instances[0]
    const announcer = screen.getByTestId('announcer')
    expect(announcer).toHaveAttribute('aria-live', 'polite')
    act(() => {
      es.open()
      es.emit('section_start', { sectionId: 'purpose', title: 'Purpose', version: 1 }, 1)
      es.emit('section_start', { sectionId: 'risks', title: 'Risks', version: 1 }, 2)
    })
    await waitFor(() => expect(within(card('Risks')).getByText('Generating')).toBeInTheDocument())
    expect(announcer).toBeEmptyDOMElement()
    act(() => es.emit('section_complete', { sectionId: 'purpose', content: 'Done.', wordCount: 1, citations: [], version: 1 }, 3))
    await waitFor(() => expect(announcer).toHaveTextContent('Purpose written.'))
    act(() => es.emit('section_error', { sectionId: 'risks', message: 'The model timed out.' }, 4))
    await waitFor(() => expect(announcer).toHaveTextContent('Risks failed.'))
  })

  it('shows a banner while the stream reconnects', async () => {
    render(<DraftPage draftId="d1" />)
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1))
    const es = FakeEventSource.instances[0]
    act(() => {
      es.open()
      es.emit('section_start', { sectionId: 'risks', version: 1 }, 1)
      es.fail(0)
    })
    expect(await screen.findByText(/Reconnecting/)).toBeInTheDocument()
    act(() => es.open())
    await waitFor(() => expect(screen.queryByText(/Reconnecting/)).not.toBeInTheDocument())
  })

  it('approves all ready sections after a confirmation that lists them, skipping and explaining the others', async () => {
    const drafted = [
      { ...sections[0], status: 'ready', content: 'Why we do this study.', version: 2 },
      { ...sections[1], status: 'approved', content: 'What happens.', version: 3 },
      { ...sections[2], status: 'failed', content: '', version: 1 },
      { ...sections[0], sectionId: 'costs', title: 'Costs', order: 3, status: 'ready', content: 'It costs nothing.', version: 5 },
      { ...sections[0], sectionId: 'privacy', title: 'Privacy', order: 4, status: 'ready', content: 'We keep your data safe.', version: 1 },
    ]
    const calls = mockFetch({
      'GET /api/drafts/d1': () => json(200, { draftId: 'd1', studyId: 'S1', provider: 'offline', template: 'default', createdAt: '2026-01-01T00:00:00Z', sections: drafted }),
      'GET /api/studies/S1': () => json(200, { studyId: 'S1', metadata: {} }),
      'GET /api/drafts/d1/quality': () => json(404, { title: 'Not Found' }),
      'POST /api/drafts/d1/sections/purpose/approve': () => json(200, { ...drafted[0], status: 'approved', version: 3 }),
      'POST /api/drafts/d1/sections/costs/approve': () => json(412, { title: 'Version conflict', status: 412 }),
      'POST /api/drafts/d1/sections/privacy/approve': () => json(200, { ...drafted[4], status: 'approved', version: 2 }),
    })
    render(<DraftPage draftId="d1" />)
    await userEvent.click(await screen.findByRole('button', { name: 'Approve all' }))

    const dialog = screen.getByRole('dialog', { name: 'Approve all sections' })
    expect(within(dialog).getByText('3 sections will be approved as you see them now:')).toBeInTheDocument()
    const listed = within(within(dialog).getByRole('list', { name: 'Sections to approve' })).getAllByRole('listitem')
    expect(listed.map((li) => li.textContent)).toEqual(['Purpose', 'Costs', 'Privacy'])
    expect(dialog).toHaveTextContent('Already approved, skipped: Procedures.')
    expect(within(dialog).getByRole('list', { name: 'Sections that cannot be approved' })).toHaveTextContent('Risks: writing failed; regenerate it first')

    await userEvent.click(within(dialog).getByRole('button', { name: 'Approve 3 sections' }))
    const report = await within(dialog).findByRole('alert')
    expect(report).toHaveTextContent('2 sections approved; 1 section could not be approved:')
    expect(report).toHaveTextContent('Costs: it changed after this list was made')
    // Each section is approved at the version the list showed.
    const approvals = calls.filter((c) => c.method === 'POST')
    expect(approvals.map((c) => [c.url.split('/')[5], new Headers(c.init?.headers).get('If-Match')])).toEqual([
      ['purpose', '"2"'],
      ['costs', '"5"'],
      ['privacy', '"1"'],
    ])
    expect(within(card('Purpose')).getByText('Approved')).toBeInTheDocument()
    expect(within(card('Privacy')).getByText('Approved')).toBeInTheDocument()
    expect(within(card('Costs')).getByText('Ready for review')).toBeInTheDocument()

    await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Approve all' })).toHaveFocus()
  })

  it('closes Approve all when every section was approved, says how many, and keeps focus on the button', async () => {
    const ready = sections.slice(0, 2).map((x) => ({ ...x, status: 'ready', content: `${x.title} text.`, version: 1 }))
    mockFetch({
      'GET /api/drafts/d1': () => json(200, { draftId: 'd1', studyId: 'S1', provider: 'offline', template: 'default', createdAt: '2026-01-01T00:00:00Z', sections: ready }),
      'GET /api/studies/S1': () => json(200, { studyId: 'S1', metadata: {} }),
      'GET /api/drafts/d1/quality': () => json(404, { title: 'Not Found' }),
      'POST /api/drafts/d1/sections/purpose/approve': () => json(200, { ...ready[0], status: 'approved', version: 2 }),
      'POST /api/drafts/d1/sections/procedures/approve': () => json(200, { ...ready[1], status: 'approved', version: 2 }),
    })
    render(<DraftPage draftId="d1" />)
    await userEvent.click(await screen.findByRole('button', { name: 'Approve all' }))
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Approve 2 sections' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(screen.getByText('2 sections approved.')).toHaveAttribute('role', 'status')
    expect(within(card('Procedures')).getByText('Approved')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Approve all' })).toHaveFocus()

    await userEvent.click(screen.getByRole('button', { name: 'Approve all' }))
    expect(screen.getByRole('dialog')).toHaveTextContent('Every section is approved.')
    expect(within(screen.getByRole('dialog')).getAllByRole('button').map((b) => b.textContent)).toEqual(['Cancel'])
  })

  it('returns focus to the citation chip when the protocol page is closed with Escape', async () => {
    const cited = [{ ...sections[0], status: 'ready', content: 'You may feel dizzy [P4].', version: 1, citations: [{ key: 'P4', chunkId: 9, pageStart: 4, pageEnd: 4, sectionPath: '6 Safety' }] }]
    mockFetch({
      'GET /api/drafts/d1': () => json(200, { draftId: 'd1', studyId: 'S1', provider: 'offline', template: 'default', createdAt: '2026-01-01T00:00:00Z', sections: cited }),
      'GET /api/studies/S1': () => json(200, { studyId: 'S1', metadata: {} }),
      'GET /api/drafts/d1/quality': () => json(404, { title: 'Not Found' }),
      'GET /api/studies/S1/pages/4': () => json(200, { number: 4, text: '6 Safety\nDizziness was seen.' }),
    })
    render(<DraftPage draftId="d1" />)
    const [chip] = await within(await screen.findByRole('article', { name: 'Purpose' })).findAllByRole('button', { name: /Citation P4/ })
    await userEvent.click(chip)
    const close = await screen.findByRole('button', { name: 'Close protocol page' })
    expect(close).toHaveFocus()
    await userEvent.keyboard('{Escape}')
    expect(screen.queryByRole('button', { name: 'Close protocol page' })).not.toBeInTheDocument()
    expect(chip).toHaveFocus()
  })

  it('fetches the quality again when the study profile is reviewed', async () => {
    const randomized = {
      key: 'study.randomized', label: 'Randomized', group: 'study', type: 'bool', sections: ['procedures'], detectedValue: 'true', evidence: null,
      confidence: 0.5, origin: 'rules', state: 'detected', reviewedBy: null, reviewedAt: null, effective: 'true',
    }
    const calls = mockFetch({
      'GET /api/drafts/d1': () =>
        json(200, { draftId: 'd1', studyId: 'S1', provider: 'offline', template: 'default', createdAt: '2026-01-01T00:00:00Z', sections: [] }),
      'GET /api/studies/S1': () => json(200, { studyId: 'S1', metadata: { acronym: { value: 'CARDIO' } } }),
      'GET /api/drafts/d1/quality': () => json(404, { title: 'Not Found' }),
      'GET /api/studies/S1/profile': () => json(200, { studyId: 'S1', version: 0, items: [randomized] }),
      'PUT /api/studies/S1/profile': () => json(200, { studyId: 'S1', version: 1, items: [{ ...randomized, state: 'edited', effective: 'false' }] }),
    })
    const qualityCalls = () => calls.filter((c) => c.url === '/api/drafts/d1/quality').length
    render(<DraftPage draftId="d1" />)
    await waitFor(() => expect(qualityCalls()).toBe(1))

    await userEvent.click(screen.getByText('Study profile'))
    await userEvent.click(await screen.findByRole('button', { name: 'Edit Randomized' }))
    await userEvent.selectOptions(screen.getByLabelText('New value for Randomized'), 'No')
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))

    await waitFor(() => expect(qualityCalls()).toBe(2))
  })
})

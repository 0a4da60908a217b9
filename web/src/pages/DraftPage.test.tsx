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
    expect(screen.getAllByText('Ready for review')).toHaveLength(3)
    await waitFor(() => expect(es.closed).toBe(true))
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

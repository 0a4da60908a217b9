import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Citation, CitationSupport } from '../api/types'
import { json, mockFetch } from '../test/fakes'
import { CitationPanel, quoteRanges } from './CitationPanel'

afterEach(() => vi.unstubAllGlobals())

const page29 = 'Visits\nParticipants come to a screening visit up to 28 days before the first dose.\nEach participant keeps a diary of symptoms and'
const page30 = 'doses for the whole treatment period.\nParticipants who stop early return for a safety visit 30 days later.\nTravel costs are paid.'
const supported = 'Participants who stop early return for a safety visit 30 days later.'

const citation: Citation = {
  key: 'P4',
  chunkId: 42,
  pageStart: 29,
  pageEnd: 30,
  sectionPath: '7 Procedures > Visits',
  sentence: 'If you stop early, you come back for a safety visit 30 days later',
}

const support: CitationSupport = {
  chunkId: 42,
  documentId: 'doc-1',
  sectionPath: citation.sectionPath,
  pageStart: 29,
  pageEnd: 30,
  page: 30,
  sentences: [supported],
  highlights: [{ page: 30, start: page30.indexOf(supported), end: page30.indexOf(supported) + supported.length }],
}

const pages = { 29: page29, 30: page30 }

function routes(found: CitationSupport | null = support) {
  return mockFetch({
    'GET /api/studies/S-1/citations/42': () => (found ? json(200, found) : json(500, { title: 'Boom', status: 500 })),
    'GET /api/studies/S-1/pages/29': () => json(200, { number: 29, text: pages[29] }),
    'GET /api/studies/S-1/pages/30': () => json(200, { number: 30, text: pages[30] }),
  })
}

const marks = () => [...document.querySelectorAll('mark')].map((m) => m.textContent)

describe('CitationPanel', () => {
  it('sends the draft sentence, opens the page holding the supporting sentence and marks that whole sentence', async () => {
    const calls = routes()
    render(<CitationPanel studyId="S-1" citation={citation} onClose={() => {}} />)

    expect(await screen.findByRole('region', { name: 'Text of protocol page 30' })).toBeInTheDocument()
    expect(marks()).toEqual([supported])
    const lookup = calls.find((c) => c.url.includes('/citations/42'))!
    expect(new URL(lookup.url, 'http://x').searchParams.get('sentence')).toBe(citation.sentence)
    expect(calls.some((c) => c.url.endsWith('/pages/30?documentId=doc-1'))).toBe(true)
    expect(screen.getByRole('button', { name: 'Page 30' })).toHaveAttribute('aria-pressed', 'true')
  })

  it('marks each part of a sentence over a page break on its own page', async () => {
    const part29 = 'Each participant keeps a diary of symptoms and'
    const part30 = 'doses for the whole treatment period.'
    routes({
      ...support,
      page: 29,
      highlights: [
        { page: 29, start: page29.indexOf(part29), end: page29.length },
        { page: 30, start: 0, end: part30.length },
      ],
    })
    render(<CitationPanel studyId="S-1" citation={citation} onClose={() => {}} />)

    await screen.findByRole('region', { name: 'Text of protocol page 29' })
    expect(marks()).toEqual([part29])
    await userEvent.click(screen.getByRole('button', { name: 'Page 30' }))
    await screen.findByRole('region', { name: 'Text of protocol page 30' })
    expect(marks()).toEqual([part30])
  })

  it('opens the first cited page without a mark when the lookup fails', async () => {
    routes(null)
    render(<CitationPanel studyId="S-1" citation={citation} onClose={() => {}} />)

    const region = await screen.findByRole('region', { name: 'Text of protocol page 29' })
    await waitFor(() => expect(region).toHaveTextContent('screening visit'))
    expect(marks()).toEqual([])
  })
})

describe('quoteRanges', () => {
  it('finds a profile quote across line breaks and marks each occurrence whole', () => {
    const text = 'Up to 1095 children\nwill be enrolled. Up to 1095 children will be enrolled.'
    expect(quoteRanges(text, 7, 'Up to 1095 children will be enrolled.')).toEqual([
      { page: 7, start: 0, end: 37 },
      { page: 7, start: 38, end: 75 },
    ])
  })

  it('marks nothing when the quote is not on the page or is empty', () => {
    expect(quoteRanges('Placebo (saline).', 2, 'placebo tablets')).toEqual([])
    expect(quoteRanges('Placebo (saline).', 2, '  ')).toEqual([])
  })
})

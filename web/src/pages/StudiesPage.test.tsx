import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { formatDate } from '../components/common'
import { json, mockFetch } from '../test/fakes'
import { StudiesPage } from './StudiesPage'

afterEach(() => vi.unstubAllGlobals())

const studies = [
  { studyId: 'CARDIO-1', metadata: { acronym: { value: 'CARDIO', page: 1 }, title: { value: 'A heart study' }, sponsor: { value: 'Acme' }, phase: { value: 'Phase 3' } }, draftCount: 1 },
  { studyId: 'ONCO-2', metadata: { acronym: { value: 'ONCO' }, title: { value: 'A cancer study' }, phase: { value: 'Phase 2' } }, draftCount: 0 },
]

describe('StudiesPage', () => {
  it('filters by search text', async () => {
    mockFetch({ 'GET /api/studies': () => json(200, studies) })
    render(<StudiesPage />)
    expect(await screen.findByRole('link', { name: 'CARDIO' })).toBeInTheDocument()
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search studies' }), 'cancer')
    expect(screen.queryByRole('link', { name: 'CARDIO' })).not.toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'ONCO' })).toBeInTheDocument()
  })

  it('deletes only after confirmation', async () => {
    const calls = mockFetch({ 'GET /api/studies': () => json(200, studies), 'DELETE /api/studies/CARDIO-1': () => new Response(null, { status: 204 }) })
    render(<StudiesPage />)
    await userEvent.click(await screen.findByRole('button', { name: 'Delete CARDIO' }))
    const dialog = screen.getByRole('dialog', { name: 'Delete this study?' })
    expect(dialog).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false)
    await userEvent.click(screen.getByRole('button', { name: 'Delete CARDIO' }))
    await userEvent.click(screen.getByRole('button', { name: 'Delete study' }))
    await waitFor(() => expect(screen.queryByRole('link', { name: 'CARDIO' })).not.toBeInTheDocument())
    expect(calls.some((c) => c.method === 'DELETE' && c.url === '/api/studies/CARDIO-1')).toBe(true)
  })

  it('shows the last activity on a study or its drafts, not when its metadata last changed', async () => {
    const updatedAt = '2026-01-05T10:00:00Z'
    const lastActivityAt = '2026-03-09T15:30:00Z'
    mockFetch({ 'GET /api/studies': () => json(200, [{ ...studies[0], updatedAt, lastActivityAt }]) })
    render(<StudiesPage />)
    const row = (await screen.findByRole('link', { name: 'CARDIO' })).closest('tr')!
    expect(row).toHaveTextContent(formatDate(lastActivityAt))
    expect(row).not.toHaveTextContent(formatDate(updatedAt))
  })

  it('shows a load failure in words', async () => {
    mockFetch({ 'GET /api/studies': () => json(500, { title: 'Storage unavailable', detail: 'The database file is locked' }) })
    render(<StudiesPage />)
    expect(await screen.findByRole('alert')).toHaveTextContent('Storage unavailable. The database file is locked.')
  })
})

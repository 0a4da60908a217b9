import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { describeIngest } from '../api/upload'
import { json, mockFetch } from '../test/fakes'
import { MetadataForm } from './MetadataForm'

afterEach(() => vi.unstubAllGlobals())

const study = {
  studyId: 'CARDIO-1',
  metadata: { acronym: { value: 'CARDIO', page: 1 }, sponsor: { value: 'Acme Pharma', page: 2 }, phase: { value: 'Phase 3', page: 1 } },
}

describe('MetadataForm', () => {
  it('shows the page each value came from and sends only the changed fields', async () => {
    const calls = mockFetch({ 'PATCH /api/studies/CARDIO-1': () => json(200, { ...study, metadata: { ...study.metadata, sponsor: { value: 'Acme Inc' } } }) })
    const onSaved = vi.fn()
    render(<MetadataForm study={study} onSaved={onSaved} />)
    expect(screen.getByLabelText('Sponsor')).toHaveAccessibleDescription('From page 2')
    expect(screen.getByLabelText('NCT number')).toHaveAccessibleDescription('Not found in the protocol')
    await userEvent.clear(screen.getByLabelText('Sponsor'))
    await userEvent.type(screen.getByLabelText('Sponsor'), 'Acme Inc')
    await userEvent.clear(screen.getByLabelText('Phase'))
    await userEvent.click(screen.getByRole('button', { name: 'Save metadata' }))
    await waitFor(() => expect(onSaved).toHaveBeenCalled())
    // An emptied field is sent as "" (clear); untouched fields are left out.
    expect(JSON.parse(String(calls[0].init?.body))).toEqual({ sponsor: 'Acme Inc', phase: '' })
  })
})

describe('ingestion progress', () => {
  it('describes parsing and indexing in words', () => {
    expect(describeIngest({ stage: 'parsing', pagesParsed: 3, pageCount: 10 })).toEqual({ detail: 'Parsing page 3 of 10', fraction: 0.3 })
    expect(describeIngest({ stage: 'indexing', pagesParsed: 10, pageCount: 10, chunksIndexed: 5, chunkCount: 20 })).toEqual({ detail: 'Indexing passages 5 of 20', fraction: 0.25 })
    expect(describeIngest({ stage: 'extracting_metadata' }).detail).toBe('Extracting metadata…')
  })
})

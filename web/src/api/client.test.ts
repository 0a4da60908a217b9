import { afterEach, describe, expect, it, vi } from 'vitest'
import { json, mockFetch } from '../test/fakes'
import { api, ApiError, describeProblem } from './client'

afterEach(() => vi.unstubAllGlobals())

describe('API errors', () => {
  it('uses the title and detail of a ProblemDetails body', () => {
    expect(describeProblem(400, { title: 'Unsupported file', detail: 'Only PDF, DOCX, text and USDM JSON are accepted' }).message).toBe(
      'Unsupported file. Only PDF, DOCX, text and USDM JSON are accepted.',
    )
  })

  it('lists validation errors', () => {
    expect(describeProblem(400, { title: 'One or more validation errors occurred.', errors: { feedback: ['Feedback is at most 2,000 characters.'] } }).message).toBe(
      'One or more validation errors occurred. Feedback is at most 2,000 characters.',
    )
  })

  it('falls back to plain words, never raw markup', () => {
    expect(describeProblem(503, '<html><body>Service Unavailable</body></html>').message).toBe('The server is busy. Please try again shortly.')
    expect(describeProblem(418, undefined).message).toBe('The request failed (status 418).')
  })

  it('sends the section version as If-Match and reports a stale one as a conflict', async () => {
    const calls = mockFetch({ 'PUT /api/drafts/d1/sections/risks': () => json(412, { title: 'Version conflict', detail: 'The section is at version 4' }) })
    const error = await api.saveSection('d1', 'risks', 'new text', 3).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).isVersionConflict).toBe(true)
    expect((error as ApiError).message).toBe('Version conflict. The section is at version 4.')
    expect(new Headers(calls[0].init?.headers).get('If-Match')).toBe('"3"')
    expect(JSON.parse(String(calls[0].init?.body))).toEqual({ content: 'new text' })
  })

  it('accepts lists bare or wrapped', async () => {
    mockFetch({ 'GET /api/studies': () => json(200, { items: [{ studyId: 'A', metadata: {} }] }) })
    expect(await api.listStudies()).toEqual([{ studyId: 'A', metadata: {} }])
  })

  it('pairs plain metadata values with the pages they came from', async () => {
    mockFetch({
      'GET /api/studies/A': () =>
        json(200, { studyId: 'A', metadata: { acronym: 'CARDIO', sponsor: null, phase: 'Phase 3' }, metadataPages: { acronym: 1, sponsor: null, phase: 2 } }),
    })
    const study = await api.getStudy('A')
    expect(study.metadata).toEqual({ acronym: { value: 'CARDIO', page: 1 }, sponsor: null, phase: { value: 'Phase 3', page: 2 } })
  })
})

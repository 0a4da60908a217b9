import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { StudyFact } from '../api/types'
import { json, mockFetch } from '../test/fakes'
import { StudyFactsPanel } from './StudyFactsPanel'

afterEach(() => vi.unstubAllGlobals())

const fact = (name: string, detected: boolean | null, reason: string | null, override: boolean | null = null): StudyFact => ({
  name,
  detected,
  reason,
  override,
  effective: override ?? detected,
})

const facts = [
  fact('randomized', true, 'protocol mentions "randomized"'),
  fact('adultsUnableToConsent', null, null),
  fact('fdaRegulated', true, 'protocol mentions "IND number"', false),
]

describe('StudyFactsPanel', () => {
  it('shows each fact in plain words with what was detected and why', async () => {
    mockFetch({ 'GET /api/studies/CARDIO-1/facts': () => json(200, { studyId: 'CARDIO-1', facts }) })
    render(<StudyFactsPanel studyId="CARDIO-1" />)

    const randomized = await screen.findByLabelText('Randomized (groups assigned by chance)')
    expect(randomized).toHaveValue('detected')
    expect(randomized).toHaveAccessibleDescription('Detected: yes — protocol mentions "randomized"')
    expect(screen.getByLabelText('May enrol adults who cannot consent for themselves')).toHaveAccessibleDescription('Detected: unknown — the protocol does not say')
    const fda = screen.getByLabelText('FDA-regulated (investigational drug or device)')
    expect(fda).toHaveValue('no')
    expect(fda).toHaveAccessibleDescription('Detected: yes — protocol mentions "IND number". Set to no for this study.')
    expect(screen.getByRole('button', { name: 'Save facts' })).toBeDisabled()
  })

  it('sends only the changed facts, null to go back to the detected value, and reports the saved facts', async () => {
    const saved = [fact('randomized', true, 'protocol mentions "randomized"', false), fact('adultsUnableToConsent', null, null, true), fact('fdaRegulated', true, 'x')]
    const calls = mockFetch({
      'GET /api/studies/CARDIO-1/facts': () => json(200, { studyId: 'CARDIO-1', facts }),
      'PUT /api/studies/CARDIO-1/facts': () => json(200, { studyId: 'CARDIO-1', facts: saved }),
    })
    const onSaved = vi.fn()
    render(<StudyFactsPanel studyId="CARDIO-1" onSaved={onSaved} />)

    await userEvent.selectOptions(await screen.findByLabelText('Randomized (groups assigned by chance)'), 'No')
    await userEvent.selectOptions(screen.getByLabelText('May enrol adults who cannot consent for themselves'), 'Yes')
    await userEvent.selectOptions(screen.getByLabelText('FDA-regulated (investigational drug or device)'), 'As detected (yes)')
    await userEvent.click(screen.getByRole('button', { name: 'Save 3 changes' }))

    await waitFor(() => expect(onSaved).toHaveBeenCalledWith({ studyId: 'CARDIO-1', facts: saved }))
    const put = calls.find((c) => c.method === 'PUT')
    expect(JSON.parse(String(put?.init?.body))).toEqual({ randomized: false, adultsUnableToConsent: true, fdaRegulated: null })
    expect(screen.getByRole('status')).toHaveTextContent('Saved. Quality checks and exports now use these facts.')
    expect(screen.getByLabelText('Randomized (groups assigned by chance)')).toHaveValue('no')
    expect(screen.getByRole('button', { name: 'Save facts' })).toBeDisabled()
  })

  // A native select changes with the arrow keys in a browser (jsdom does not emulate that): here the focus order and Enter are checked.
  it('reaches every control in order with Tab and saves with Enter', async () => {
    const calls = mockFetch({
      'GET /api/studies/CARDIO-1/facts': () => json(200, { studyId: 'CARDIO-1', facts }),
      'PUT /api/studies/CARDIO-1/facts': () => json(200, { studyId: 'CARDIO-1', facts }),
    })
    render(<StudyFactsPanel studyId="CARDIO-1" />)
    const randomized = await screen.findByLabelText('Randomized (groups assigned by chance)')

    await userEvent.tab()
    expect(randomized).toHaveFocus()
    await userEvent.selectOptions(randomized, 'No')
    await userEvent.tab()
    expect(screen.getByLabelText('May enrol adults who cannot consent for themselves')).toHaveFocus()
    await userEvent.tab()
    await userEvent.tab()
    expect(screen.getByRole('button', { name: /Save 1 change/ })).toHaveFocus()
    await userEvent.keyboard('{Enter}')

    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true))
    expect(JSON.parse(String(calls.find((c) => c.method === 'PUT')?.init?.body))).toEqual({ randomized: false })
  })

  it('shows the problem when saving is refused and keeps the choices', async () => {
    mockFetch({
      'GET /api/studies/CARDIO-1/facts': () => json(200, { studyId: 'CARDIO-1', facts }),
      'PUT /api/studies/CARDIO-1/facts': () => json(400, { title: 'Bad input', status: 400, detail: 'randomized must be true, false or null.' }),
    })
    render(<StudyFactsPanel studyId="CARDIO-1" />)
    await userEvent.selectOptions(await screen.findByLabelText('Randomized (groups assigned by chance)'), 'No')
    await userEvent.click(screen.getByRole('button', { name: 'Save 1 change' }))

    expect(await screen.findByRole('alert')).toHaveTextContent('randomized must be true, false or null.')
    expect(screen.getByLabelText('Randomized (groups assigned by chance)')).toHaveValue('no')
  })
})

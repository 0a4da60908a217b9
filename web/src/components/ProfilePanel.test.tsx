import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ProfileItem } from '../api/types'
import { json, mockFetch } from '../test/fakes'
import { ProfilePanel } from './ProfilePanel'

afterEach(() => vi.unstubAllGlobals())

const item = (over: Partial<ProfileItem> & Pick<ProfileItem, 'key' | 'label' | 'group'>): ProfileItem => ({
  type: 'text',
  sections: [],
  detectedValue: null,
  evidence: null,
  confidence: null,
  origin: null,
  state: 'missing',
  reviewedBy: null,
  reviewedAt: null,
  effective: null,
  ...over,
})

const nct = item({
  key: 'identity.nctId',
  label: 'ClinicalTrials.gov number',
  group: 'identity',
  detectedValue: 'NCT01234567',
  evidence: { page: 3, quote: 'ClinicalTrials.gov: NCT01234567' },
  confidence: 0.8,
  origin: 'rules',
  state: 'detected',
  effective: 'NCT01234567',
})
const randomized = item({
  key: 'study.randomized',
  label: 'Randomized',
  group: 'study',
  type: 'bool',
  detectedValue: 'true',
  confidence: 0.5,
  origin: 'rules',
  state: 'detected',
  effective: 'true',
})
const funder = item({ key: 'identity.funder', label: 'Funder', group: 'identity' })
const profile = { studyId: 'S1', version: 2, items: [nct, funder, randomized] }

describe('ProfilePanel', () => {
  it('groups the items with value, quote, page, confidence and origin, and lists what was not found', async () => {
    mockFetch({ 'GET /api/studies/S1/profile': () => json(200, profile) })
    const onShowPage = vi.fn()
    render(<ProfilePanel studyId="S1" onShowPage={onShowPage} />)

    const identity = await screen.findByRole('region', { name: 'Identity' })
    const row = within(identity).getByRole('listitem', { name: 'ClinicalTrials.gov number' })
    expect(row).toHaveTextContent('NCT01234567')
    expect(row).toHaveAccessibleDescription(/^“ClinicalTrials.gov: NCT01234567” p\. 3 ?\. Confidence 80%\. found by rules$/)
    expect(within(screen.getByRole('region', { name: 'The study' })).getByText('Yes')).toBeInTheDocument()
    expect(screen.getByText('Not found in the protocol (1)')).toBeInTheDocument()

    await userEvent.click(screen.getByRole('button', { name: 'p. 3: open this protocol page for ClinicalTrials.gov number' }))
    expect(onShowPage).toHaveBeenCalledWith(expect.objectContaining({ pageStart: 3, pageEnd: 3, quote: 'ClinicalTrials.gov: NCT01234567' }))
  })

  it('saves an edit with the version seen in If-Match, and accepts and clears with one click', async () => {
    const calls = mockFetch({
      'GET /api/studies/S1/profile': () => json(200, profile),
      'PUT /api/studies/S1/profile': (init) => {
        const [change] = JSON.parse(String(init?.body))
        const next = { ...nct, state: change.action === 'edit' ? 'edited' : 'accepted', effective: change.value ?? nct.effective, reviewedBy: 'ana' }
        return json(200, { studyId: 'S1', version: 3, items: [next, funder, randomized] })
      },
    })
    const onSaved = vi.fn()
    render(<ProfilePanel studyId="S1" onSaved={onSaved} />)

    await userEvent.click(await screen.findByRole('button', { name: 'Edit ClinicalTrials.gov number' }))
    const input = screen.getByLabelText('New value for ClinicalTrials.gov number')
    await userEvent.clear(input)
    await userEvent.type(input, 'NCT07654321')
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))

    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1))
    const put = calls.find((c) => c.method === 'PUT')!
    expect(new Headers(put.init?.headers).get('If-Match')).toBe('"2"')
    expect(JSON.parse(String(put.init?.body))).toEqual([{ key: 'identity.nctId', action: 'edit', value: 'NCT07654321' }])
    expect(screen.getByRole('listitem', { name: 'ClinicalTrials.gov number' })).toHaveTextContent('NCT07654321')
    expect(screen.getByRole('listitem', { name: 'ClinicalTrials.gov number' })).toHaveTextContent('Edited')
    expect(screen.getByRole('status')).toHaveTextContent('ClinicalTrials.gov number: saved.')

    await userEvent.click(screen.getByRole('button', { name: 'Clear ClinicalTrials.gov number' }))
    await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(2))
    const clear = calls.filter((c) => c.method === 'PUT')[1]
    expect(new Headers(clear.init?.headers).get('If-Match')).toBe('"3"')
    expect(JSON.parse(String(clear.init?.body))).toEqual([{ key: 'identity.nctId', action: 'clear' }])
  })

  it('says that someone else changed the profile on 412 and reloads it on request', async () => {
    let version = 2
    const calls = mockFetch({
      'GET /api/studies/S1/profile': () => json(200, { ...profile, version }),
      'PUT /api/studies/S1/profile': () => {
        version = 5
        return json(412, { title: 'Version conflict', status: 412, detail: 'The study profile is at version 5.' })
      },
    })
    render(<ProfilePanel studyId="S1" />)

    await userEvent.click(await screen.findByRole('button', { name: 'Accept ClinicalTrials.gov number' }))

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Someone else changed the study profile')
    await userEvent.click(within(alert).getByRole('button', { name: 'Reload profile' }))
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument())
    expect(calls.filter((c) => c.method === 'GET')).toHaveLength(2)
  })
})

describe('ProfilePanel mentions', () => {
  it('folds further passages apart, named by the item they are about, without review actions', async () => {
    const mentionAbout = item({ key: 'mention[0].about', label: 'Also stated about', group: 'mention', state: 'detected', effective: 'identity.nctId', evidence: { page: 5, quote: 'Registered as NCT01234567.' } })
    const mentionText = item({ key: 'mention[0].text', label: 'Also stated', group: 'mention', state: 'detected', effective: 'Registered as NCT01234567.', evidence: { page: 5, quote: 'Registered as NCT01234567.' } })
    mockFetch({ 'GET /api/studies/S1/profile': () => json(200, { studyId: 'S1', version: 0, items: [nct, mentionAbout, mentionText] }) })
    const onShowPage = vi.fn()
    render(<ProfilePanel studyId="S1" onShowPage={onShowPage} />)

    const summary = await screen.findByText('Other passages about these items (1)')
    expect(screen.queryByText('Registered as NCT01234567.')).not.toBeInTheDocument()
    expect(screen.queryByRole('region', { name: 'mention' })).not.toBeInTheDocument()
    await userEvent.click(summary)
    const passage = await screen.findByText('Registered as NCT01234567.')
    const row = passage.closest('li')!
    expect(row).toHaveTextContent('ClinicalTrials.gov number')
    expect(within(row).queryByRole('button', { name: /Accept|Edit|Clear/ })).not.toBeInTheDocument()
    await userEvent.click(within(row).getByRole('button', { name: 'p. 5' }))
    expect(onShowPage).toHaveBeenCalledWith(expect.objectContaining({ pageStart: 5, quote: 'Registered as NCT01234567.' }))
  })
})

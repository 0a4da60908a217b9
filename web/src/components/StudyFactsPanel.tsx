import { useEffect, useId, useState, type FormEvent } from 'react'
import { api } from '../api/client'
import type { StudyFact, StudyFacts } from '../api/types'
import { ErrorMessage, Spinner } from './common'

/** Each fact in plain words; a name the app does not know yet is shown as the API names it. */
export const factLabels: Record<string, string> = {
  fdaRegulated: 'FDA-regulated (investigational drug or device)',
  applicableClinicalTrial: 'Must be listed on ClinicalTrials.gov',
  moreThanMinimalRisk: 'More than minimal risk',
  biospecimens: 'Collects samples such as blood or tissue',
  identifiableData: 'Keeps information that identifies participants',
  randomized: 'Randomized (groups assigned by chance)',
  participantsPaid: 'Participants are paid',
  certificateOfConfidentiality: 'Has a Certificate of Confidentiality',
  usesPhi: 'Uses health information covered by HIPAA',
  writtenConsent: 'Consent is given in writing (signed)',
  adultsUnableToConsent: 'May enrol adults who cannot consent for themselves',
}

type Choice = 'detected' | 'yes' | 'no'

const choiceOf = (value: boolean | null): Choice => (value == null ? 'detected' : value ? 'yes' : 'no')
const valueOf = (choice: Choice): boolean | null => (choice === 'detected' ? null : choice === 'yes')
const yesNo = (value: boolean | null) => (value == null ? 'unknown' : value ? 'yes' : 'no')

function choicesOf(facts: StudyFact[]): Record<string, Choice> {
  return Object.fromEntries(facts.map((f) => [f.name, choiceOf(f.override)]))
}

/**
 * The study facts the quality checks and the export rely on: what the protocol says (and why), and a control per fact
 * to set Yes, No or back to the detected value. Saving stores the corrections with the study.
 */
export function StudyFactsPanel({ studyId, onSaved }: { studyId: string; onSaved?: (facts: StudyFacts) => void }) {
  const id = useId()
  const [facts, setFacts] = useState<StudyFact[] | null>(null)
  const [choices, setChoices] = useState<Record<string, Choice>>({})
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [saved, setSaved] = useState(false)

  useEffect(() => {
    let current = true
    api.getFacts(studyId).then(
      (result) => {
        if (!current) return
        setFacts(result.facts)
        setChoices(choicesOf(result.facts))
      },
      (err) => current && setError(err),
    )
    return () => {
      current = false
    }
  }, [studyId])

  if (!facts) return error ? <ErrorMessage error={error} /> : <Spinner label="Loading study facts" />

  const changes = Object.fromEntries(
    facts.filter((f) => (choices[f.name] ?? 'detected') !== choiceOf(f.override)).map((f) => [f.name, valueOf(choices[f.name] ?? 'detected')]),
  )
  const changed = Object.keys(changes).length

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (changed === 0) return
    setBusy(true)
    setError(null)
    setSaved(false)
    try {
      const result = await api.updateFacts(studyId, changes)
      setFacts(result.facts)
      setChoices(choicesOf(result.facts))
      setSaved(true)
      onSaved?.(result)
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="facts-form" onSubmit={submit} aria-label="Study facts">
      <p className="muted small">
        The quality checks and the exported form rely on these facts, read from the protocol. Correct any that are wrong; your choice is kept with the study.
      </p>
      <ul className="fact-list">
        {facts.map((f) => {
          const selectId = `${id}-${f.name}`
          const choice = choices[f.name] ?? 'detected'
          return (
            <li key={f.name} className="fact">
              <label htmlFor={selectId}>
                {factLabels[f.name] ?? f.name}
              </label>
              <select id={selectId} value={choice} onChange={(e) => setChoices({ ...choices, [f.name]: e.target.value as Choice })} aria-describedby={`${selectId}-why`}>
                <option value="detected">As detected ({yesNo(f.detected)})</option>
                <option value="yes">Yes</option>
                <option value="no">No</option>
              </select>
              <span id={`${selectId}-why`} className="field-source">
                Detected: {yesNo(f.detected)}
                {f.reason ? ` — ${f.reason}` : ' — the protocol does not say'}
                {f.override != null && `. Set to ${yesNo(f.override)} for this study.`}
              </span>
            </li>
          )
        })}
      </ul>
      <ErrorMessage error={error} />
      <div className="form-actions">
        {/* Always present, so screen readers announce the text when it appears. */}
        <span role="status" className="muted small">
          {saved && changed === 0 ? 'Saved. Quality checks and exports now use these facts.' : ''}
        </span>
        <button type="submit" className="btn btn-primary" disabled={busy || changed === 0}>
          {busy ? 'Saving…' : changed ? `Save ${changed} change${changed === 1 ? '' : 's'}` : 'Save facts'}
        </button>
      </div>
    </form>
  )
}

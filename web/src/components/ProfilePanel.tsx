import { useCallback, useEffect, useId, useState, type FormEvent } from 'react'
import { ApiError, api } from '../api/client'
import type { Citation, ProfileChange, ProfileItem, StudyProfile } from '../api/types'
import { ErrorMessage, Spinner } from './common'

/** Group titles in the order a consent form needs them; a group the app does not know yet is shown by its name, last. */
export const groupTitles: Record<string, string> = {
  identity: 'Identity',
  audience: 'Who can join',
  study: 'The study',
  intervention: 'Interventions',
  comparator: 'Comparator',
  arm: 'Groups',
  participation: 'Taking part',
  procedure: 'Procedures',
  risk: 'Risks',
  risks: 'Risks',
  benefits: 'Benefits',
  alternatives: 'Alternatives',
  costs: 'Costs and payment',
  payment: 'Costs and payment',
  storage: 'Samples and data',
  facts: 'Facts the checks rely on',
}

const stateWords: Record<ProfileItem['state'], string> = {
  missing: 'Not found',
  detected: 'Detected',
  accepted: 'Accepted',
  edited: 'Edited',
  cleared: 'Cleared',
}

const originWords = (origin: string | null) =>
  origin == null ? '' : origin === 'rules' ? 'found by rules' : origin === 'usdm' ? 'from USDM' : origin === 'llm' ? 'read by the AI, quote checked' : origin.startsWith('user:') ? `set by ${origin.slice(5)}` : origin

/** A yes/no value in words; other values as they are. */
export const shown = (item: ProfileItem, value: string | null) =>
  value == null ? null : item.type === 'bool' ? (value === 'true' ? 'Yes' : value === 'false' ? 'No' : value) : value

function groupsOf(items: ProfileItem[]): [string, ProfileItem[]][] {
  const groups = new Map<string, ProfileItem[]>()
  for (const item of items) {
    const title = groupTitles[item.group] ?? item.group
    groups.set(title, [...(groups.get(title) ?? []), item])
  }
  return [...groups.entries()]
}

/** A value followed by a full stop, without doubling one it ends with. */
const sentence = (text: string | null) => (text == null ? '' : /[.!?]$/.test(text) ? text : `${text}.`)

/** The page a value comes from, as a citation the protocol page viewer opens with the quote highlighted. */
export const citationOf = (item: ProfileItem): Citation | null =>
  item.evidence ? { key: item.key, chunkId: -1, pageStart: item.evidence.page, pageEnd: item.evidence.page, sectionPath: item.label, quote: item.evidence.quote } : null

/**
 * The study profile ("consent facts"): every item with its value, the quote and page it comes from, confidence and
 * origin, and Accept / Edit / Clear. Each action is saved at once with the profile version seen (If-Match); when
 * someone else saved in between, it says so and offers to reload.
 */
export function ProfilePanel({
  studyId,
  onSaved,
  onShowPage,
}: {
  studyId: string
  onSaved?: (profile: StudyProfile) => void
  onShowPage?: (citation: Citation) => void
}) {
  const [profile, setProfile] = useState<StudyProfile | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [stale, setStale] = useState(false)
  const [busyKey, setBusyKey] = useState<string | null>(null)
  const [editing, setEditing] = useState<string | null>(null)
  const [status, setStatus] = useState('')

  const load = useCallback(() => {
    let current = true
    setError(null)
    setStale(false)
    api.getProfile(studyId).then(
      (result) => current && setProfile(result),
      (err) => current && setError(err),
    )
    return () => {
      current = false
    }
  }, [studyId])
  useEffect(() => load(), [load])

  if (!profile) return error ? <ErrorMessage error={error} /> : <Spinner label="Loading study profile" />

  const save = async (item: ProfileItem, change: ProfileChange, done: string) => {
    setBusyKey(item.key)
    setError(null)
    setStatus('')
    try {
      const result = await api.reviewProfile(studyId, profile.version, [change])
      setProfile(result)
      setEditing(null)
      setStatus(`${item.label}: ${done}.`)
      onSaved?.(result)
    } catch (err) {
      if (err instanceof ApiError && err.isVersionConflict) setStale(true)
      else setError(err)
    } finally {
      setBusyKey(null)
    }
  }

  // Further passages about an item (group "mention") are context for the reviewer, not values to review: folded apart.
  const reviewable = profile.items.filter((i) => i.group !== 'mention')
  const found = reviewable.filter((i) => i.state !== 'missing')
  const missing = reviewable.filter((i) => i.state === 'missing')
  const labels = new Map(profile.items.map((i) => [i.key, i.label]))
  const row = (item: ProfileItem) => (
    <ProfileRow
      key={item.key}
      item={item}
      busy={busyKey === item.key}
      editing={editing === item.key}
      onEdit={() => setEditing(item.key)}
      onCancel={() => setEditing(null)}
      onSave={save}
      onShowPage={onShowPage}
    />
  )
  return (
    <div className="profile-panel">
      <p className="muted small">
        What the consent form will say about the study, read from the protocol. Check each value against its quote; accept it, correct it, or clear it. Every
        section is written from these values, and the quality checks and the export use them.
      </p>
      {stale && (
        <div className="alert alert-warning" role="alert">
          <p>Someone else changed the study profile in the meantime, so your change was not saved. Reload to see their changes, then apply yours again.</p>
          <button type="button" className="btn btn-small" onClick={load}>
            Reload profile
          </button>
        </div>
      )}
      <ErrorMessage error={error} />
      {/* Always present, so screen readers announce each saved change. */}
      <p role="status" className="muted small">
        {status}
      </p>
      {groupsOf(found).map(([title, items]) => (
        <section key={title} className="profile-group" aria-label={title}>
          <h3 className="profile-group-title">{title}</h3>
          <ul className="profile-list">
            {items.map(row)}
          </ul>
        </section>
      ))}
      <MentionList items={profile.items} labels={labels} onShowPage={onShowPage} />
      {missing.length > 0 && (
        <details className="profile-missing">
          <summary>Not found in the protocol ({missing.length})</summary>
          <ul className="profile-list">
            {missing.map(row)}
          </ul>
        </details>
      )}
    </div>
  )
}

/** The passages kept as mentions (mention[i].about names the item, mention[i].text is the sentence), built only when opened. */
export function MentionList({ items, labels, onShowPage }: { items: ProfileItem[]; labels: Map<string, string>; onShowPage?: (citation: Citation) => void }) {
  const [open, setOpen] = useState(false)
  const texts = items.filter((i) => i.group === 'mention' && i.key.endsWith('.text') && i.effective != null)
  if (texts.length === 0) return null
  const about = new Map(items.filter((i) => i.group === 'mention' && i.key.endsWith('.about')).map((i) => [i.key.slice(0, -'.about'.length), i.effective]))
  return (
    <details className="profile-missing" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Other passages about these items ({texts.length})</summary>
      {open && (
        <ul className="profile-list">
          {texts.map((item) => {
            const target = about.get(item.key.slice(0, -'.text'.length))
            const citation = citationOf(item)
            return (
              <li key={item.key} className="profile-item">
                <span className="profile-label">{(target && labels.get(target)) ?? target ?? 'Also stated'}</span>
                <p className="small">{item.effective}</p>
                {citation && onShowPage && (
                  <button type="button" className="btn btn-ghost btn-small" onClick={() => onShowPage(citation)}>
                    p. {citation.pageStart}
                  </button>
                )}
              </li>
            )
          })}
        </ul>
      )}
    </details>
  )
}

function ProfileRow({
  item,
  busy,
  editing,
  onEdit,
  onCancel,
  onSave,
  onShowPage,
}: {
  item: ProfileItem
  busy: boolean
  editing: boolean
  onEdit: () => void
  onCancel: () => void
  onSave: (item: ProfileItem, change: ProfileChange, done: string) => Promise<void>
  onShowPage?: (citation: Citation) => void
}) {
  const id = useId()
  const value = shown(item, item.effective)
  const citation = citationOf(item)
  return (
    <li className="profile-item" aria-labelledby={`${id}-label`} aria-describedby={`${id}-source`}>
      <div className="profile-item-head">
        <span id={`${id}-label`} className="profile-label">
          {item.label}
        </span>
        <span className={`chip chip-profile-${item.state}`}>{stateWords[item.state]}</span>
      </div>
      <div className="profile-value">{value ?? <span className="muted">{item.state === 'cleared' ? 'No value (cleared)' : 'Not found'}</span>}</div>
      <div id={`${id}-source`} className="field-source">
        {item.state === 'edited' && item.detectedValue != null && <>Detected: {sentence(shown(item, item.detectedValue))} </>}
        {item.evidence && (
          <>
            “{item.evidence.quote}”{' '}
            {onShowPage && citation ? (
              <button type="button" className="link-button" onClick={() => onShowPage(citation)} aria-label={`p. ${item.evidence.page}: open this protocol page for ${item.label}`}>
                p. {item.evidence.page}
              </button>
            ) : (
              <span className="page-ref">p. {item.evidence.page}</span>
            )}
            {'. '}
          </>
        )}
        {item.confidence != null && item.state !== 'edited' && <>Confidence {Math.round(item.confidence * 100)}%. </>}
        {originWords(item.state === 'edited' ? `user:${item.reviewedBy ?? 'user'}` : item.origin)}
      </div>
      {editing ? (
        <EditForm item={item} busy={busy} onCancel={onCancel} onSave={(v) => onSave(item, { key: item.key, action: 'edit', value: v }, 'saved')} />
      ) : (
        <div className="profile-actions" role="group" aria-label={`Review ${item.label}`}>
          {item.state === 'detected' && (
            <button type="button" className="btn btn-small" disabled={busy} onClick={() => onSave(item, { key: item.key, action: 'accept' }, 'accepted')} aria-label={`Accept ${item.label}`}>
              Accept
            </button>
          )}
          <button type="button" className="btn btn-small" disabled={busy} onClick={onEdit} aria-label={`Edit ${item.label}`}>
            Edit
          </button>
          {item.effective != null && (
            <button type="button" className="btn btn-small btn-ghost" disabled={busy} onClick={() => onSave(item, { key: item.key, action: 'clear' }, 'cleared')} aria-label={`Clear ${item.label}`}>
              Clear
            </button>
          )}
          {item.state !== 'missing' && item.state !== 'detected' && (
            <button
              type="button"
              className="btn btn-small btn-ghost"
              disabled={busy}
              onClick={() => onSave(item, { key: item.key, action: 'reset' }, 'back to the detected value')}
              aria-label={`Undo review of ${item.label}`}
            >
              Undo review
            </button>
          )}
        </div>
      )}
    </li>
  )
}

function EditForm({ item, busy, onCancel, onSave }: { item: ProfileItem; busy: boolean; onCancel: () => void; onSave: (value: string) => void }) {
  const id = useId()
  const [value, setValue] = useState(item.effective ?? item.detectedValue ?? (item.type === 'bool' ? 'true' : ''))
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (value.trim()) onSave(value.trim())
  }
  return (
    <form className="profile-edit" onSubmit={submit} aria-label={`Edit ${item.label}`}>
      <label htmlFor={id}>New value for {item.label}</label>
      {item.type === 'bool' ? (
        <select id={id} value={value} onChange={(e) => setValue(e.target.value)}>
          <option value="true">Yes</option>
          <option value="false">No</option>
        </select>
      ) : item.type === 'number' ? (
        <input id={id} type="text" inputMode="numeric" value={value} onChange={(e) => setValue(e.target.value)} autoFocus />
      ) : (
        <textarea id={id} rows={2} value={value} onChange={(e) => setValue(e.target.value)} autoFocus />
      )}
      <div className="form-actions">
        <button type="button" className="btn btn-small btn-ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="btn btn-small btn-primary" disabled={busy || !value.trim()}>
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  )
}

import { useId, useState } from 'react'
import { Modal, ErrorMessage } from './common'

export const maxFeedbackLength = 2000

export function RegenerateDialog({ title, onSubmit, onClose }: { title: string; onSubmit: (feedback: string) => Promise<void>; onClose: () => void }) {
  const [feedback, setFeedback] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const id = useId()
  const left = maxFeedbackLength - feedback.length
  const submit = async () => {
    setBusy(true)
    setError(null)
    try {
      await onSubmit(feedback.trim())
    } catch (err) {
      setError(err)
      setBusy(false)
    }
  }
  return (
    <Modal
      title={`Regenerate: ${title}`}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={submit} disabled={busy || left < 0}>
            {busy ? 'Starting…' : 'Regenerate'}
          </button>
        </>
      }
    >
      <label htmlFor={id}>What should change?</label>
      <p id={`${id}-hint`} className="muted small hint">
        The current text is revised with your feedback. Leave it empty to write the section afresh.
      </p>
      <textarea
        id={id}
        rows={5}
        value={feedback}
        maxLength={maxFeedbackLength}
        onChange={(e) => setFeedback(e.target.value)}
        aria-describedby={`${id}-hint ${id}-count`}
        placeholder="For example: use shorter sentences and explain what a placebo is."
        data-autofocus
      />
      <p id={`${id}-count`} className={`counter${left < 100 ? ' counter-low' : ''}`} aria-live="polite">
        {feedback.length.toLocaleString()} / {maxFeedbackLength.toLocaleString()} characters
      </p>
      <ErrorMessage error={error} />
    </Modal>
  )
}

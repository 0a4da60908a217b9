import { useRef, useState, type DragEvent } from 'react'
import { uploadStudy, type UploadProgress } from '../api/upload'
import type { Study } from '../api/types'

interface UploadItem {
  key: string
  name: string
  size: number
  progress: UploadProgress
  error?: string
}

const accept = '.pdf,.docx,.txt,.md,.json'

function formatSize(bytes: number) {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

const stageLabel = (p: UploadProgress) =>
  p.stage === 'uploading'
    ? `Uploading ${Math.round((p.fraction ?? 0) * 100)}%`
    : p.stage === 'processing'
      ? (p.detail ?? 'Parsing and indexing…')
      : p.stage === 'done'
        ? 'Done'
        : 'Failed'

/** Drag-and-drop or pick protocol files; each file becomes a study, with its own progress row. */
export function UploadPanel({ onUploaded }: { onUploaded: (study: Study) => void }) {
  const [items, setItems] = useState<UploadItem[]>([])
  const [dragging, setDragging] = useState(false)
  const input = useRef<HTMLInputElement>(null)

  const update = (key: string, patch: Partial<UploadItem>) => setItems((all) => all.map((i) => (i.key === key ? { ...i, ...patch } : i)))

  const start = (files: File[]) => {
    for (const file of files) {
      const key = `${file.name}-${file.size}-${Date.now()}-${Math.random()}`
      setItems((all) => [...all, { key, name: file.name, size: file.size, progress: { stage: 'uploading', fraction: 0 } }])
      uploadStudy([file], (progress) => update(key, { progress })).promise.then(
        (study) => onUploaded(study),
        (err: Error) => update(key, { error: err.message, progress: { stage: 'failed' } }),
      )
    }
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    setDragging(false)
    const files = [...e.dataTransfer.files]
    if (files.length) start(files)
  }

  return (
    <section className="upload" aria-labelledby="upload-heading">
      <h2 id="upload-heading" className="section-heading">
        Add a protocol
      </h2>
      <div
        className={`dropzone${dragging ? ' dropzone-active' : ''}`}
        onDragOver={(e) => {
          e.preventDefault()
          setDragging(true)
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p className="dropzone-text">
          Drop a protocol here (PDF, DOCX, text or USDM JSON), or{' '}
          <button type="button" className="btn btn-primary btn-small" onClick={() => input.current?.click()}>
            choose files
          </button>
        </p>
        <input
          ref={input}
          type="file"
          multiple
          accept={accept}
          className="visually-hidden"
          aria-label="Protocol files"
          data-testid="file-input"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])]
            e.target.value = ''
            if (files.length) start(files)
          }}
        />
      </div>
      {items.length > 0 && (
        <ul className="upload-list" aria-label="Uploads">
          {items.map((item) => (
            <li key={item.key} className="upload-item">
              <div className="upload-row">
                <span className="upload-name">{item.name}</span>
                <span className="muted">{formatSize(item.size)}</span>
                <span className={`upload-stage upload-stage-${item.progress.stage}`} aria-live="polite">
                  {stageLabel(item.progress)}
                </span>
              </div>
              <progress
                max={1}
                value={item.progress.stage === 'failed' ? 0 : item.progress.fraction}
                aria-label={`${item.name}: ${stageLabel(item.progress)}`}
              />
              {item.error && (
                <p className="error-text" role="alert">
                  {item.error}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

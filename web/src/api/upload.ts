import { describeProblem, ApiError, normalizeStudy } from './client'
import type { Study } from './types'

export type UploadStage = 'uploading' | 'processing' | 'done' | 'failed'

export interface UploadProgress {
  stage: UploadStage
  /** 0..1 of the bytes sent, or of the pages parsed / passages indexed while processing (undefined: unknown). */
  fraction?: number
  /** What the server is doing, in words (parsing, indexing …), when it reports ingestion progress. */
  detail?: string
}

export interface IngestProgressEvent {
  fileName?: string
  stage?: string
  pagesParsed?: number
  pageCount?: number
  chunksIndexed?: number
  chunkCount?: number
}

/** Words and a fraction for an ingestion progress event of the server. */
export function describeIngest(e: IngestProgressEvent): { detail: string; fraction?: number } {
  const stage = (e.stage ?? '').toLowerCase()
  if (e.chunkCount && (stage.includes('index') || stage.includes('chunk') || (e.chunksIndexed ?? 0) > 0)) {
    return { detail: `Indexing passages ${e.chunksIndexed ?? 0} of ${e.chunkCount}`, fraction: (e.chunksIndexed ?? 0) / e.chunkCount }
  }
  if (e.pageCount && (stage.includes('pars') || (e.pagesParsed ?? 0) > 0)) {
    return { detail: `Parsing page ${e.pagesParsed ?? 0} of ${e.pageCount}`, fraction: (e.pagesParsed ?? 0) / e.pageCount }
  }
  const words = stage ? stage[0].toUpperCase() + stage.slice(1).replace(/[_-]/g, ' ') : 'Processing'
  return { detail: `${words}…` }
}

const newUploadId = () => `up-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`

/**
 * Posts files as multipart form field `files`. XMLHttpRequest because fetch has no upload progress events.
 * Once every byte is sent the server parses and indexes the protocol before answering; its progress is followed
 * on /api/uploads/{uploadId}/events when the browser has EventSource.
 */
export function uploadStudy(
  files: File[],
  onProgress: (progress: UploadProgress) => void,
  acronym?: string,
): { promise: Promise<Study>; abort: () => void } {
  const xhr = new XMLHttpRequest()
  const uploadId = newUploadId()
  let progressSource: EventSource | null = null
  let bytesDone = false
  const stopProgress = () => {
    progressSource?.close()
    progressSource = null
  }

  const promise = new Promise<Study>((resolve, reject) => {
    const form = new FormData()
    for (const file of files) form.append('files', file, file.name)
    if (acronym) form.append('acronym', acronym)

    if (typeof EventSource === 'function') {
      progressSource = new EventSource(`/api/uploads/${uploadId}/events`)
      progressSource.addEventListener('progress', (event) => {
        if (!bytesDone) return
        try {
          const { detail, fraction } = describeIngest(JSON.parse((event as MessageEvent).data) as IngestProgressEvent)
          onProgress({ stage: 'processing', fraction, detail })
        } catch {
          // A malformed progress event only loses a progress update.
        }
      })
      progressSource.addEventListener('complete', stopProgress)
      // The stream ends with the upload; do not let the browser reopen it.
      progressSource.onerror = stopProgress
    }

    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && !bytesDone) onProgress({ stage: 'uploading', fraction: event.loaded / event.total })
    }
    xhr.upload.onload = () => {
      bytesDone = true
      onProgress({ stage: 'processing', detail: 'Parsing and indexing…' })
    }
    xhr.onerror = () => {
      stopProgress()
      onProgress({ stage: 'failed' })
      reject(new ApiError(0, 'The upload could not reach the server. Check that ICF Studio is running.'))
    }
    xhr.onabort = () => {
      stopProgress()
      reject(new ApiError(0, 'The upload was cancelled.'))
    }
    xhr.onload = () => {
      stopProgress()
      let body: unknown = xhr.responseText
      try {
        body = JSON.parse(xhr.responseText)
      } catch {
        // Not JSON: describeProblem falls back to words for the status.
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress({ stage: 'done', fraction: 1 })
        resolve(normalizeStudy(body))
      } else {
        onProgress({ stage: 'failed' })
        const { message, problem } = describeProblem(xhr.status, body)
        reject(new ApiError(xhr.status, message, problem))
      }
    }
    xhr.open('POST', `/api/studies?uploadId=${uploadId}`)
    xhr.setRequestHeader('Accept', 'application/json')
    onProgress({ stage: 'uploading', fraction: 0 })
    xhr.send(form)
  })
  return { promise, abort: () => xhr.abort() }
}

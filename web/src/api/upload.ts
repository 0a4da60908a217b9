import { describeProblem, ApiError } from './client'
import type { Study } from './types'

export type UploadStage = 'uploading' | 'processing' | 'done' | 'failed'

export interface UploadProgress {
  stage: UploadStage
  /** 0..1 of the bytes sent. */
  fraction: number
}

/**
 * Posts files as multipart form field `files`. XMLHttpRequest because fetch has no upload progress events.
 * Once every byte is sent the server parses and indexes the protocol before answering: stage `processing`.
 */
export function uploadStudy(
  files: File[],
  onProgress: (progress: UploadProgress) => void,
  acronym?: string,
): { promise: Promise<Study>; abort: () => void } {
  const xhr = new XMLHttpRequest()
  const promise = new Promise<Study>((resolve, reject) => {
    const form = new FormData()
    for (const file of files) form.append('files', file, file.name)
    if (acronym) form.append('acronym', acronym)

    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress({ stage: 'uploading', fraction: event.loaded / event.total })
    }
    xhr.upload.onload = () => onProgress({ stage: 'processing', fraction: 1 })
    xhr.onerror = () => {
      onProgress({ stage: 'failed', fraction: 0 })
      reject(new ApiError(0, 'The upload could not reach the server. Check that ICF Studio is running.'))
    }
    xhr.onabort = () => reject(new ApiError(0, 'The upload was cancelled.'))
    xhr.onload = () => {
      let body: unknown = xhr.responseText
      try {
        body = JSON.parse(xhr.responseText)
      } catch {
        // Not JSON: describeProblem falls back to words for the status.
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress({ stage: 'done', fraction: 1 })
        resolve(body as Study)
      } else {
        onProgress({ stage: 'failed', fraction: 0 })
        const { message, problem } = describeProblem(xhr.status, body)
        reject(new ApiError(xhr.status, message, problem))
      }
    }
    xhr.open('POST', '/api/studies')
    xhr.setRequestHeader('Accept', 'application/json')
    onProgress({ stage: 'uploading', fraction: 0 })
    xhr.send(form)
  })
  return { promise, abort: () => xhr.abort() }
}

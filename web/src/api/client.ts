import type {
  MetadataField,
  Draft,
  DraftSection,
  DraftSummary,
  NewDraftRequest,
  ProblemDetails,
  SectionVersion,
  StoredPage,
  CitationSupport,
  Study,
  StudyProfile,
  ProfileChange,
} from './types'

/** An API failure, with a message fit to show a person. */
export class ApiError extends Error {
  readonly status: number
  readonly problem?: ProblemDetails

  constructor(status: number, message: string, problem?: ProblemDetails) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.problem = problem
  }

  get isVersionConflict(): boolean {
    return this.status === 412
  }
}

const statusWords: Record<number, string> = {
  400: 'The request was not accepted.',
  401: 'You need to sign in.',
  403: 'You are not allowed to do that.',
  404: 'It was not found. It may have been deleted.',
  409: 'That cannot be done right now.',
  412: 'Someone else changed this in the meantime.',
  413: 'The upload is too large.',
  415: 'That file type is not supported.',
  429: 'Too many requests. Please wait a moment and try again.',
  500: 'The server ran into a problem.',
  502: 'The server could not be reached.',
  503: 'The server is busy. Please try again shortly.',
}

/** Turns a response body into plain words: ProblemDetails title and detail, never raw JSON. */
export function describeProblem(status: number, body: unknown): { message: string; problem?: ProblemDetails } {
  const fallback = statusWords[status] ?? `The request failed (status ${status}).`
  if (body && typeof body === 'object') {
    const problem = body as ProblemDetails
    const parts: string[] = []
    if (problem.title) parts.push(problem.title.replace(/\.?$/, '.'))
    if (problem.detail && problem.detail !== problem.title) parts.push(problem.detail.replace(/\.?$/, '.'))
    if (problem.errors) {
      for (const messages of Object.values(problem.errors)) parts.push(...messages)
    }
    return { message: parts.length ? parts.join(' ') : fallback, problem }
  }
  if (typeof body === 'string' && body.trim() && !body.trim().startsWith('<') && body.length < 300) {
    return { message: body.trim() }
  }
  return { message: fallback }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text()
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

export async function toApiError(response: Response): Promise<ApiError> {
  const body = await readBody(response)
  const { message, problem } = describeProblem(response.status, body)
  return new ApiError(response.status, message, problem)
}

export async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      ...init,
      headers: { Accept: 'application/json', ...(init.body && typeof init.body === 'string' ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
    })
  } catch {
    throw new ApiError(0, 'The server could not be reached. Check that ICF Studio is running.')
  }
  if (!response.ok) throw await toApiError(response)
  return (await readBody(response)) as T
}

/** Lists may come bare or wrapped ({ items: [...] }); accept both. */
function asList<T>(value: unknown, ...keys: string[]): T[] {
  if (Array.isArray(value)) return value as T[]
  if (value && typeof value === 'object') {
    for (const key of ['items', ...keys]) {
      const inner = (value as Record<string, unknown>)[key]
      if (Array.isArray(inner)) return inner as T[]
    }
  }
  return []
}

const enc = encodeURIComponent

/**
 * The API sends metadata as plain strings with a separate `metadataPages` map (the CLI's JSON shape); the app works
 * with { value, page } per field. Both forms are accepted.
 */
export function normalizeStudy(raw: unknown): Study {
  const study = (raw ?? {}) as Study & { metadataPages?: Record<string, number | null> }
  const pages = study.metadataPages ?? {}
  const metadata: Study['metadata'] = {}
  for (const [name, value] of Object.entries(study.metadata ?? {}) as [string, MetadataField | string | null][]) {
    const key = name as keyof Study['metadata']
    if (value == null || value === '') metadata[key] = null
    else if (typeof value === 'string') metadata[key] = { value, page: pages[name] ?? null }
    else metadata[key] = value as MetadataField
  }
  return { ...study, metadata }
}

/** An ETag for a section version; the server compares it with If-Match. */
export const versionTag = (version: number) => `"${version}"`

export const api = {
  listStudies: async () => asList<unknown>(await request('/api/studies'), 'studies').map(normalizeStudy),
  getStudy: async (id: string) => normalizeStudy(await request(`/api/studies/${enc(id)}`)),
  updateStudy: async (id: string, changes: Record<string, string>) =>
    normalizeStudy(await request(`/api/studies/${enc(id)}`, { method: 'PATCH', body: JSON.stringify(changes) })),
  deleteStudy: (id: string) => request<void>(`/api/studies/${enc(id)}`, { method: 'DELETE' }),
  getPage: (id: string, page: number, documentId?: string) =>
    request<StoredPage>(`/api/studies/${enc(id)}/pages/${page}${documentId ? `?documentId=${enc(documentId)}` : ''}`),
  citationSupport: (id: string, chunkId: number, sentence?: string) =>
    request<CitationSupport>(`/api/studies/${enc(id)}/citations/${chunkId}${sentence ? `?sentence=${enc(sentence.slice(0, 2000))}` : ''}`),
  listDrafts: async (studyId: string) => asList<DraftSummary>(await request(`/api/studies/${enc(studyId)}/drafts`), 'drafts'),
  createDraft: (studyId: string, body: NewDraftRequest) =>
    request<{ draftId: string }>(`/api/studies/${enc(studyId)}/drafts`, { method: 'POST', body: JSON.stringify(body) }),
  getDraft: (id: string) => request<Draft>(`/api/drafts/${enc(id)}`),
  getProviders: () => request<unknown>('/api/providers'),
  saveSection: (draftId: string, sectionId: string, content: string, version: number) =>
    request<DraftSection | undefined>(`/api/drafts/${enc(draftId)}/sections/${enc(sectionId)}`, {
      method: 'PUT',
      body: JSON.stringify({ content }),
      headers: { 'If-Match': versionTag(version) },
    }),
  /** Approves the section at `version` (If-Match): a section changed since it was shown is refused (412), not approved unseen. */
  approve: (draftId: string, sectionId: string, version?: number) =>
    request<DraftSection | undefined>(`/api/drafts/${enc(draftId)}/sections/${enc(sectionId)}/approve`, {
      method: 'POST',
      headers: version == null ? {} : { 'If-Match': versionTag(version) },
    }),
  unapprove: (draftId: string, sectionId: string, version?: number) =>
    request<DraftSection | undefined>(`/api/drafts/${enc(draftId)}/sections/${enc(sectionId)}/unapprove`, {
      method: 'POST',
      headers: version == null ? {} : { 'If-Match': versionTag(version) },
    }),
  regenerate: (draftId: string, sectionId: string, feedback: string) =>
    request<unknown>(`/api/drafts/${enc(draftId)}/sections/${enc(sectionId)}/regenerate`, {
      method: 'POST',
      body: JSON.stringify({ feedback }),
    }),
  versions: async (draftId: string, sectionId: string) =>
    asList<SectionVersion>(await request(`/api/drafts/${enc(draftId)}/sections/${enc(sectionId)}/versions`), 'versions'),
  quality: (draftId: string) => request<unknown>(`/api/drafts/${enc(draftId)}/quality`),
  getProfile: (studyId: string) => request<StudyProfile>(`/api/studies/${enc(studyId)}/profile`),
  /** Reviews profile items; version is the profile version the reviewer saw (a stale one is a 412). */
  reviewProfile: (studyId: string, version: number, changes: ProfileChange[]) =>
    request<StudyProfile>(`/api/studies/${enc(studyId)}/profile`, {
      method: 'PUT',
      body: JSON.stringify(changes),
      headers: { 'If-Match': versionTag(version) },
    }),
}

/** Downloads a file through fetch so that a refusal is shown in words instead of a JSON page. */
export async function downloadFile(url: string, fallbackName: string): Promise<string> {
  let response: Response
  try {
    response = await fetch(url)
  } catch {
    throw new ApiError(0, 'The server could not be reached. Check that ICF Studio is running.')
  }
  if (!response.ok) throw await toApiError(response)
  const blob = await response.blob()
  const disposition = response.headers.get('Content-Disposition') ?? ''
  const match = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition)
  const name = match ? decodeURIComponent(match[1] ?? match[2]) : fallbackName
  const href = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = href
  link.download = name
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(href), 10_000)
  return name
}

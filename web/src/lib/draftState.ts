import type { Citation, Draft, DraftSection, SectionStatus } from '../api/types'

/** A parsed stream event: its SSE id (sequence), name and JSON data. */
export interface StreamEvent {
  id: number | null
  name: string
  data: Record<string, unknown>
}

export interface SectionState extends DraftSection {
  /** True while tokens of an accepted section_start are being appended. */
  live: boolean
  /** Set when a regeneration was requested: only a version above the current one may start. */
  awaitingNewVersion?: boolean
  quality?: unknown
}

export interface DraftState {
  draft: Omit<Draft, 'sections'> | null
  order: string[]
  sections: Record<string, SectionState>
  lastEventId: number | null
  complete: boolean
  error: string | null
}

export const emptyDraftState: DraftState = {
  draft: null,
  order: [],
  sections: {},
  lastEventId: null,
  complete: false,
  error: null,
}

export const activeStatuses: SectionStatus[] = ['pending', 'generating']

export function isActive(section: DraftSection): boolean {
  return activeStatuses.includes(section.status)
}

function toSectionState(section: DraftSection): SectionState {
  return { ...section, citations: section.citations ?? [], content: section.content ?? '', live: false }
}

/** Starts from a fetched draft; sections keep their quality and live stream if the stream already knows them. */
export function fromDraft(draft: Draft, previous?: DraftState): DraftState {
  const { sections, ...rest } = draft
  const ordered = [...sections].sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
  const serverId = draft.lastEventId != null ? Number(draft.lastEventId) : null
  // When the server says which event its snapshot reflects, the stream resumes after it and tokens extend the
  // snapshot's partial text; otherwise the stream replays from the start and each section_start resets the text.
  const resumes = previous?.lastEventId == null && serverId != null && Number.isFinite(serverId)
  const map: Record<string, SectionState> = {}
  for (const s of ordered) {
    const before = previous?.sections[s.sectionId]
    map[s.sectionId] =
      before?.live && before.version >= s.version
        ? before
        : { ...toSectionState(s), live: resumes && s.status === 'generating', quality: before?.quality }
  }
  return {
    draft: rest,
    order: ordered.map((s) => s.sectionId),
    sections: map,
    lastEventId: previous?.lastEventId ?? (Number.isFinite(serverId) ? serverId : null),
    complete: previous?.complete ?? false,
    error: null,
  }
}

/** Replaces one section with what an action returned (approve, edit, …). */
export function mergeSection(state: DraftState, section: DraftSection): DraftState {
  const before = state.sections[section.sectionId]
  return {
    ...state,
    order: before ? state.order : [...state.order, section.sectionId],
    sections: { ...state.sections, [section.sectionId]: { ...toSectionState(section), quality: before?.quality } },
  }
}

const str = (v: unknown) => (typeof v === 'string' ? v : '')
const num = (v: unknown) => (typeof v === 'number' ? v : undefined)

function section(state: DraftState, id: string, title?: string): SectionState {
  return (
    state.sections[id] ?? {
      sectionId: id,
      title: title || id,
      status: 'pending',
      content: '',
      wordCount: 0,
      citations: [],
      version: 0,
      live: false,
    }
  )
}

function put(state: DraftState, s: SectionState): DraftState {
  return {
    ...state,
    order: state.sections[s.sectionId] ? state.order : [...state.order, s.sectionId],
    sections: { ...state.sections, [s.sectionId]: s },
  }
}

/**
 * Whether a replayed or live generation of `version` should replace what the section shows: a newer version always;
 * the same version only while the snapshot says that version is still being written (a reload mid-stream), never
 * for a section already written, edited or approved at that version (a replay), nor when a newer one is awaited.
 */
function isNewer(s: SectionState, version: number): boolean {
  if (version > s.version) return true
  return version === s.version && isActive(s) && !s.awaitingNewVersion
}

/**
 * Applies one stream event. Events at or below the last applied id are duplicates (a replay) and are skipped;
 * a replayed start or completion older than what the draft already shows (edited, approved) is skipped too.
 */
export function applyEvent(state: DraftState, event: StreamEvent): DraftState {
  if (event.id != null && state.lastEventId != null && event.id <= state.lastEventId) return state
  const next = applyData(state, event)
  return event.id != null ? { ...next, lastEventId: event.id } : next
}

function applyData(state: DraftState, { name, data }: StreamEvent): DraftState {
  const id = str(data.sectionId)
  switch (name) {
    case 'section_start': {
      const s = section(state, id, str(data.title))
      const version = num(data.version)
      if (version !== undefined && !isNewer(s, version)) return put(state, { ...s, live: false })
      return put(state, {
        ...s,
        title: str(data.title) || s.title,
        status: 'generating',
        content: '',
        wordCount: 0,
        citations: [],
        version: version ?? s.version,
        error: null,
        live: true,
        awaitingNewVersion: false,
      })
    }
    case 'token': {
      const s = state.sections[id]
      if (!s || !s.live) return state
      return put(state, { ...s, content: s.content + str(data.content), status: 'generating' })
    }
    case 'section_complete': {
      const s = section(state, id)
      const version = num(data.version)
      if (!s.live && version !== undefined && !isNewer(s, version)) return state
      if (s.live && version !== undefined && version < s.version) return state
      const content = typeof data.content === 'string' ? data.content : s.content
      return put(state, {
        ...s,
        content,
        wordCount: num(data.wordCount) ?? s.wordCount,
        citations: Array.isArray(data.citations) ? (data.citations as Citation[]) : s.citations,
        version: version ?? s.version,
        status: 'ready',
        error: null,
        live: false,
        awaitingNewVersion: false,
      })
    }
    case 'section_error': {
      const s = section(state, id)
      if (!s.live && !isActive(s)) return state
      const message = str(data.message) || 'Generation failed.'
      if (data.willRetry === true) return put(state, { ...s, error: message, content: '', live: true })
      return put(state, { ...s, status: 'failed', error: message, live: false })
    }
    case 'section_quality': {
      const s = state.sections[id]
      if (!s) return state
      return put(state, { ...s, quality: data.quality ?? data })
    }
    case 'complete':
      return { ...state, complete: true }
    case 'error':
      return { ...state, error: str(data.message) || 'The draft could not be generated.' }
    default:
      return state
  }
}

export function progress(state: DraftState): { done: number; total: number; generating: number } {
  const all = state.order.map((id) => state.sections[id])
  return {
    total: all.length,
    done: all.filter((s) => !activeStatuses.includes(s.status)).length,
    generating: all.filter((s) => s.status === 'generating').length,
  }
}

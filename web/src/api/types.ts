// Shapes of the ICF Studio web API (JSON, camelCase). Optional members are ones the server may omit.

export interface MetadataField {
  value: string
  page?: number | null
}

export const metadataFieldNames = [
  'acronym',
  'title',
  'shortTitle',
  'protocolNumber',
  'version',
  'versionDate',
  'sponsor',
  'phase',
  'nctId',
  'plannedParticipants',
  'duration',
] as const

export type MetadataFieldName = (typeof metadataFieldNames)[number]

export type StudyMetadata = Partial<Record<MetadataFieldName, MetadataField | null>>

export interface DocumentRecord {
  documentId: string
  fileName: string
  format: string
  pageCount: number
  chunkCount: number
  sha256?: string
  addedAt: string
}

export interface Study {
  studyId: string
  metadata: StudyMetadata
  documents?: DocumentRecord[]
  documentCount?: number
  draftCount?: number
  createdAt?: string
  updatedAt?: string
  /** The latest change to the study or any of its drafts (created, generated, edited, approved). */
  lastActivityAt?: string
}

export interface Citation {
  key: string
  chunkId: number
  pageStart: number
  pageEnd: number
  sectionPath: string
  /** The draft sentence that carries the citation (set by the chip that opens it), to find the passage's sentence behind it. */
  sentence?: string
  /** Exact words on the cited page to highlight (a profile item's quote); no passage lookup is needed then. */
  quote?: string
}

/** A character range [start, end) of a stored protocol page's text. */
export interface PageRange {
  page: number
  start: number
  end: number
}

/** GET /api/studies/{id}/citations/{chunkId}: the passage's sentences that support a draft sentence, and where they are. */
export interface CitationSupport {
  chunkId: number
  documentId: string
  sectionPath: string
  pageStart: number
  pageEnd: number
  /** The page holding the best supporting sentence. */
  page: number
  sentences: string[]
  highlights: PageRange[]
}

export type SectionStatus = 'pending' | 'generating' | 'ready' | 'approved' | 'failed' | 'interrupted'

export interface DraftSection {
  sectionId: string
  title: string
  order?: number
  status: SectionStatus
  content: string
  wordCount: number
  citations: Citation[]
  version: number
  error?: string | null
}

export interface Draft {
  draftId: string
  studyId: string
  provider: string
  model?: string | null
  template: string
  createdAt: string
  updatedAt?: string
  offline?: boolean
  sections: DraftSection[]
  /** The id of the last stored stream event, when the server reports it. */
  lastEventId?: number | string | null
  /** The study profile version its sections were last written from; null before any. */
  profileVersion?: number | null
}

export interface DraftSummary {
  draftId: string
  studyId: string
  provider: string
  model?: string | null
  template: string
  createdAt: string
  updatedAt?: string
  sections?: DraftSection[]
}

export interface SectionVersion {
  sectionId: string
  version: number
  content: string
  citations?: Citation[]
  reason: string
  /** The person who made the change or asked for the text. */
  actor: string
  /** What wrote a generated or regenerated text ("offline", "anthropic:claude-…"); absent for a person's change. */
  author?: string | null
  at: string
  feedback?: string | null
  status?: SectionStatus
}

export interface StoredPage {
  studyId?: string
  documentId?: string
  fileName?: string
  number: number
  text: string
}

export interface NewDraftRequest {
  provider?: string
  model?: string
  template?: string
  sections?: string[]
}

/** RFC 7807 problem details, as the API returns errors. */
export interface ProblemDetails {
  type?: string
  title?: string
  status?: number
  detail?: string
  errors?: Record<string, string[]>
  code?: string
}

/** Where a profile value is stated: the protocol page and the exact words. */
export interface ProfileEvidence {
  page: number
  quote: string
  documentId?: string | null
}

export type ProfileItemState = 'missing' | 'detected' | 'accepted' | 'edited' | 'cleared'

/** One item of the study profile (GET /api/studies/{id}/profile). */
export interface ProfileItem {
  key: string
  label: string
  group: string
  type: 'text' | 'number' | 'bool'
  sections: string[]
  detectedValue: string | null
  evidence: ProfileEvidence | null
  confidence: number | null
  /** rules, usdm, llm, or user:NAME for an edit. */
  origin: string | null
  state: ProfileItemState
  reviewedBy: string | null
  reviewedAt: string | null
  /** The value drafting, quality and export use; null: none. */
  effective: string | null
}

/** The study profile; version is its concurrency token (send it in If-Match to review). */
export interface StudyProfile {
  studyId: string
  version: number
  items: ProfileItem[]
}

export type ProfileAction = 'accept' | 'edit' | 'clear' | 'reset'

export interface ProfileChange {
  key: string
  action: ProfileAction
  value?: string
}

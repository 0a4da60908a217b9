// Reads the quality results of the server (GET /api/drafts/{id}/quality and section_quality events) defensively:
// only what is shown is read, and a missing field leaves its line out.

export interface QualityElement {
  id: string
  name: string
  citation?: string
  status: string
  applicability?: string
  evidence?: string
  section?: string
  missingParts: string[]
  secondOpinion?: string
}

export interface QualityFlag {
  text: string
  sentence?: string
  section?: string
}

/** A sentence written for the study team rather than the participant (staffFacing of the server). */
export interface StaffSentence {
  sentence: string
  reason?: string
  section?: string
}

export interface QualitySummary {
  grade: number | null
  readingEase: number | null
  smog: number | null
  targetGrade: number
  elements: QualityElement[]
  unsupported: QualityFlag[]
  jargon: QualityFlag[]
  contradictions: string[]
  staffFacing: StaffSentence[]
}

type Obj = Record<string, unknown>
const obj = (v: unknown): Obj | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null)
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const n = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const s = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined)

function flags(v: unknown): QualityFlag[] {
  return arr(v).flatMap((item) => {
    if (typeof item === 'string') return [{ text: item }]
    const o = obj(item)
    if (!o) return []
    const text = s(o.text) ?? s(o.term) ?? s(o.value)
    if (!text) return []
    const suggestion = s(o.suggestion)
    return [{ text: suggestion ? `${text} → ${suggestion}` : text, sentence: s(o.sentence), section: s(o.sectionTitle) ?? s(o.sectionId) }]
  })
}

function staffSentences(v: unknown): StaffSentence[] {
  return arr(v).flatMap((item) => {
    const o = obj(item)
    const sentence = s(o?.sentence)
    return o && sentence ? [{ sentence, reason: s(o.reason), section: s(o.sectionTitle) ?? s(o.sectionId) }] : []
  })
}

function element(e: unknown): QualityElement[] {
  const o = obj(e)
  if (!o) return []
  const evidence = arr(o.evidence).map(obj).filter((x): x is Obj => x !== null)
  const first = evidence[0] ?? obj(o.evidence)
  const opinion = obj(o.secondOpinion)
  return [
    {
      id: s(o.id) ?? '',
      name: s(o.name) ?? s(o.requirement) ?? s(o.id) ?? '',
      citation: s(o.citation),
      status: s(o.status) ?? 'unknown',
      applicability: s(o.applicability),
      evidence: first ? s(first.text) ?? s(first.sentence) : s(o.evidence),
      section: first ? s(first.sectionTitle) ?? s(first.sectionId) : undefined,
      missingParts: arr(o.missingParts).filter((p): p is string => typeof p === 'string'),
      secondOpinion: opinion ? [s(opinion.source), s(opinion.status), s(opinion.reason)].filter(Boolean).join(': ') : undefined,
    },
  ]
}

export function summarize(value: unknown): QualitySummary | null {
  const q = obj(value)
  if (!q) return null
  const r = obj(q.readability) ?? {}
  const sectionJargon = arr(r.sections).flatMap((sec) => flags(obj(sec)?.jargon))
  const seen = new Set<string>()
  const jargon = [...flags(r.jargon), ...sectionJargon].filter((f) => (seen.has(f.text) ? false : (seen.add(f.text), true)))
  return {
    grade: n(r.fleschKincaidGrade),
    readingEase: n(r.fleschReadingEase),
    smog: n(r.smog),
    targetGrade: n(r.targetGrade) ?? 8,
    elements: arr(q.elements).flatMap(element),
    unsupported: flags(q.unsupportedNumbers),
    jargon,
    contradictions: arr(q.contradictions).flatMap((c) => {
      const m = s(obj(c)?.message)
      return m ? [m] : []
    }),
    staffFacing: staffSentences(q.staffFacing),
  }
}

/**
 * One section's part of a draft quality report (its readability, its unsupported numbers, the elements it shows),
 * in the shape of a section_quality event: used until such an event arrives for the section.
 */
export function sectionPartOf(draftQuality: unknown, sectionId: string): unknown {
  const q = obj(draftQuality)
  if (!q) return null
  const r = obj(q.readability)
  const readability = arr(r?.sections).map(obj).find((sec) => sec?.sectionId === sectionId)
  if (!readability) return null
  const inSection = (v: unknown) => obj(v)?.sectionId === sectionId
  return {
    sectionId,
    readability: { ...readability, targetGrade: r?.targetGrade },
    elements: arr(q.elements).filter((e) => arr(obj(e)?.evidence).some(inSection)),
    unsupportedNumbers: arr(q.unsupportedNumbers).filter(inSection),
    staffFacing: arr(q.staffFacing).filter(inSection),
  }
}

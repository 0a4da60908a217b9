// Reads quality results defensively: the quality checks land separately and may add fields.

export interface QualityElement {
  id: string
  name: string
  citation?: string
  status: string
  evidence?: string
  section?: string
}

export interface QualityFlag {
  text: string
  sentence?: string
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
}

type Obj = Record<string, unknown>
const obj = (v: unknown): Obj | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null)
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const n = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const s = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined)

function readability(q: Obj): Obj | null {
  const r = obj(q.readability)
  if (!r) return q
  return obj(r.overall) ?? r
}

function flags(v: unknown): QualityFlag[] {
  return arr(v).flatMap((item) => {
    if (typeof item === 'string') return [{ text: item }]
    const o = obj(item)
    if (!o) return []
    const text = s(o.text) ?? s(o.value) ?? s(o.number) ?? s(o.term) ?? s(o.word)
    if (!text) return []
    const suggestion = s(o.suggestion)
    return [{ text: suggestion ? `${text} → ${suggestion}` : text, sentence: s(o.sentence) ?? s(o.context), section: s(o.sectionId) ?? s(o.section) }]
  })
}

export function summarize(value: unknown): QualitySummary | null {
  const q = obj(value)
  if (!q) return null
  const r = readability(q) ?? {}
  const elements = arr(q.elements).flatMap((e) => {
    const o = obj(e)
    if (!o) return []
    const ev = obj(o.evidence)
    return [
      {
        id: s(o.id) ?? '',
        name: s(o.name) ?? s(o.title) ?? s(o.label) ?? s(o.id) ?? '',
        citation: s(o.citation),
        status: s(o.status) ?? 'unknown',
        evidence: ev ? s(ev.sentence) ?? s(ev.text) : s(o.evidence),
        section: ev ? s(ev.sectionId) ?? s(ev.section) : s(o.sectionId),
      },
    ]
  })
  return {
    grade: n(r.fleschKincaidGrade) ?? n(r.grade),
    readingEase: n(r.fleschReadingEase),
    smog: n(r.smog),
    targetGrade: n(q.targetGrade) ?? n(obj(q.readability)?.targetGrade) ?? 8,
    elements,
    unsupported: flags(q.unsupportedNumbers ?? q.unsupportedFacts ?? q.unsupported ?? q.numbers),
    jargon: flags(r.jargon ?? q.jargon),
  }
}

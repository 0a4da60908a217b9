// Client-side reading statistics: the grade is shown until the server's quality checks provide their own.

const wordPattern = /[A-Za-z\u00C0-\u024F0-9]+(?:['’-][A-Za-z\u00C0-\u024F0-9]+)*/g

export function words(text: string): string[] {
  return text.match(wordPattern) ?? []
}

// The one word-counting rule, mirrored from the server (src/IcfStudio.Core/Drafting/WordCounter.cs) so that a count
// shown while a section streams is the count stored with it; both sides test wordCount.cases.json.
// Citation keys as the server parses them: [P3], [P3, P4], [P3–P5], [p 3 and P4] (\p{Nd}: .NET's \d is any digit).
const citationKeys = /\[\s*(P\s*\p{Nd}{1,4}(?:\s*(?:[,;]|[-–—]|and)\s*P?\s*\p{Nd}{1,4})*)\s*\]/giu
// .NET's \s also holds U+0085 and the server adds U+FEFF (which JavaScript's \s holds), so both split on the same set.
const token = /[^\s\u0085]+/gu
const letterOrDigit = /[\p{L}\p{N}]/u

/** Citation keys removed, every run of non-space characters holding a letter or digit is one word. */
export function wordCount(text: string): number {
  let count = 0
  for (const t of text.replace(citationKeys, '').match(token) ?? []) if (letterOrDigit.test(t)) count++
  return count
}

/** Heuristic English syllable count: vowel groups, less a silent final e, at least one. */
export function syllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '')
  if (!w) return 0
  if (w.length <= 3) return 1
  const trimmed = w.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, '').replace(/^y/, '')
  const groups = trimmed.match(/[aeiouy]{1,2}/g)
  return Math.max(1, groups ? groups.length : 1)
}

export function sentenceCount(text: string): number {
  const parts = text
    .split(/[.!?]+(?=\s|$)|\n\s*\n|\n\s*[-*•]\s/)
    .map((s) => s.trim())
    .filter((s) => wordCount(s) > 0)
  return Math.max(1, parts.length)
}

/** Flesch-Kincaid grade level; null when there is too little text to judge. */
export function fleschKincaidGrade(text: string): number | null {
  const ws = words(text).filter((w) => /[A-Za-z]/.test(w))
  if (ws.length < 10) return null
  const syl = ws.reduce((sum, w) => sum + syllables(w), 0)
  const grade = 0.39 * (ws.length / sentenceCount(text)) + 11.8 * (syl / ws.length) - 15.59
  return Math.max(0, Math.round(grade * 10) / 10)
}

// Client-side reading statistics, shown until the server's quality checks provide their own.

const wordPattern = /[A-Za-z\u00C0-\u024F0-9]+(?:['’-][A-Za-z\u00C0-\u024F0-9]+)*/g

export function words(text: string): string[] {
  return text.match(wordPattern) ?? []
}

export function wordCount(text: string): number {
  return words(text).length
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

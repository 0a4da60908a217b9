import { describe, expect, it } from 'vitest'
import { fleschKincaidGrade, syllables, wordCount } from './readability'
import shared from './wordCount.cases.json'

describe('readability', () => {
  // The same cases as the server's WordCounterTests: a count shown while streaming is the count after a reload.
  it.each(shared.cases)('counts words by the rule shared with the server: $why', ({ text, words }) => {
    expect(wordCount(text)).toBe(words)
  })

  it('counts syllables of common words', () => {
    expect(syllables('the')).toBe(1)
    expect(syllables('study')).toBe(2)
    expect(syllables('participate')).toBe(4)
  })

  it('grades simple text low and dense text high', () => {
    const simple = 'You can stop at any time. You do not have to say why. Your care will not change. We will tell you if we learn something new.'
    const dense =
      'Participation necessitates comprehensive cardiovascular evaluation, including echocardiographic assessment and pharmacokinetic characterization, throughout the investigational treatment administration period.'
    expect(fleschKincaidGrade(simple)!).toBeLessThan(5)
    expect(fleschKincaidGrade(dense)!).toBeGreaterThan(14)
  })

  it('gives no grade for too little text', () => {
    expect(fleschKincaidGrade('Too short.')).toBeNull()
  })
})

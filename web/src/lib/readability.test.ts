import { describe, expect, it } from 'vitest'
import { fleschKincaidGrade, syllables, wordCount } from './readability'

describe('readability', () => {
  it('counts words including contractions and numbers', () => {
    expect(wordCount("You don't have to take part in 12 visits.")).toBe(9)
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

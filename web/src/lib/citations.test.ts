import { describe, expect, it } from 'vitest'
import { citedSentence } from './citations'

const at = (line: string, key: string) => citedSentence(line, line.indexOf(`[${key}]`))

describe('citedSentence', () => {
  it('takes the sentence a marker closes, before or after its full stop', () => {
    const line = 'You will visit the clinic 4 times. You will give a blood sample at each visit [P2]. Visits take 1 hour. [P3] The end.'
    expect(at(line, 'P2')).toBe('You will give a blood sample at each visit')
    expect(at(line, 'P3')).toBe('Visits take 1 hour')
  })

  it('leaves out other markers of the same sentence', () => {
    const line = 'You may feel dizzy [P1][P4] or tired [P5].'
    expect(at(line, 'P4')).toBe('You may feel dizzy')
    expect(at(line, 'P5')).toBe('You may feel dizzy or tired')
  })

  it('does not stop at an abbreviation followed by lower case', () => {
    expect(at('Some drugs, e.g. aspirin, are not allowed [P7].', 'P7')).toBe('Some drugs, e.g. aspirin, are not allowed')
  })

  it('takes the sentence after a marker that opens it', () => {
    expect(at('[P9] The study lasts 52 weeks. More text.', 'P9')).toBe('The study lasts 52 weeks.')
  })
})

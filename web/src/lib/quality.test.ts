import { describe, expect, it } from 'vitest'
import { sectionPartOf, summarize } from './quality'

describe('quality summary', () => {
  it('reads a draft quality report of the server', () => {
    const q = summarize({
      summary: { elementsPresent: 1, elementsMissing: 1 },
      elements: [
        { id: 'purpose', citation: '21 CFR 50.25(a)(1)', requirement: 'Purpose of the research', status: 'present', applicability: 'required', evidence: [{ sectionId: 'purpose', sectionTitle: 'Why is this study being done?', text: 'This study tests a new drug.' }], missingParts: [] },
        { id: 'compensation', citation: '21 CFR 50.25(a)(6)', requirement: 'Compensation for injury', status: 'missing', applicability: 'required', evidence: [], missingParts: ['medical treatment'] },
      ],
      readability: { targetGrade: 8, fleschKincaidGrade: 9.4, fleschReadingEase: 55.2, smog: 10.1, sections: [{ sectionId: 'risks', jargon: [{ term: 'adverse event', suggestion: 'side effect', count: 2, sentence: '…' }] }] },
      unsupportedNumbers: [{ sectionId: 'visits', sectionTitle: 'Study visits', text: '14 visits', value: 14, unit: 'visits', sentence: 'You will have 14 visits.', reason: 'not in protocol' }],
      contradictions: [{ kind: 'participants', message: 'Sections give 240 and 300 participants.', mentions: [] }],
    })!
    expect(q.grade).toBe(9.4)
    expect(q.targetGrade).toBe(8)
    expect(q.elements[0]).toMatchObject({ name: 'Purpose of the research', status: 'present', evidence: 'This study tests a new drug.', section: 'Why is this study being done?' })
    expect(q.elements[1].missingParts).toEqual(['medical treatment'])
    expect(q.unsupported).toEqual([{ text: '14 visits', sentence: 'You will have 14 visits.', section: 'Study visits' }])
    expect(q.jargon[0].text).toBe('adverse event → side effect')
    expect(q.contradictions).toEqual(['Sections give 240 and 300 participants.'])
  })

  it('reads the sentences written for the study team, and none when the field is absent', () => {
    const q = summarize({
      readability: {},
      staffFacing: [{ sectionId: 'summary', sectionTitle: 'Key information', sentence: 'The screening process should occur within 2 weeks.', reason: 'instruction to study staff' }, { sectionId: 'x' }],
    })!
    expect(q.staffFacing).toEqual([{ sentence: 'The screening process should occur within 2 weeks.', reason: 'instruction to study staff', section: 'Key information' }])
    expect(summarize({ readability: {} })!.staffFacing).toEqual([])
  })

  it('reads a section quality event', () => {
    const q = summarize({ sectionId: 'risks', version: 2, readability: { fleschKincaidGrade: 7.1, jargon: [] }, elements: [], unsupportedNumbers: [] })!
    expect(q.grade).toBe(7.1)
    expect(q.unsupported).toEqual([])
  })

  it('takes the part of the draft report about one section', () => {
    const part = sectionPartOf(
      {
        readability: { targetGrade: 8, sections: [{ sectionId: 'risks', fleschKincaidGrade: 9.2, jargon: [] }, { sectionId: 'other', fleschKincaidGrade: 3 }] },
        elements: [
          { id: 'risks', requirement: 'Risks', status: 'present', evidence: [{ sectionId: 'risks', text: 'You may feel dizzy.' }] },
          { id: 'purpose', requirement: 'Purpose', status: 'present', evidence: [{ sectionId: 'other', text: 'x' }] },
        ],
        unsupportedNumbers: [{ sectionId: 'risks', text: '3 visits' }, { sectionId: 'other', text: '5 mg' }],
        staffFacing: [{ sectionId: 'other', sentence: 'Results must be entered in the eCRF.' }, { sectionId: 'risks', sentence: 'The investigator must report side effects.' }],
      },
      'risks',
    )
    const q = summarize(part)!
    expect(q.grade).toBe(9.2)
    expect(q.elements.map((e) => e.id)).toEqual(['risks'])
    expect(q.unsupported.map((u) => u.text)).toEqual(['3 visits'])
    expect(q.staffFacing.map((f) => f.sentence)).toEqual(['The investigator must report side effects.'])
    expect(sectionPartOf({ readability: { sections: [] } }, 'risks')).toBeNull()
  })
})

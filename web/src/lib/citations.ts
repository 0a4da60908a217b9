/** A citation marker as section texts write them ("[P12]"), with the space before it. */
const marker = /\s*\[[A-Za-z]{0,3}\d+\]/g

/** Where the last sentence before the end of `text` starts: after a full stop, ? or ! (and closing quotes) not followed by lower case. */
function sentenceStart(text: string): number {
  let start = 0
  for (const m of text.matchAll(/[.!?]["'”’)]*\s+(?=[^a-z\s])/g)) start = (m.index ?? 0) + m[0].length
  return start
}

const wordCount = (text: string) => (text.match(/[\p{L}\p{N}]+/gu) ?? []).length

/**
 * The draft sentence a citation marker at `index` of a line supports, without markers, for the server to find the
 * passage's sentence behind it: from the sentence's start to the marker ("… daily [P3]." and "… daily. [P3]" both give
 * "… daily"); when the marker opens its sentence, the sentence after it.
 */
export function citedSentence(line: string, index: number): string {
  // Markers just before this one ("[P1][P2]") and a full stop the marker follows belong to the same sentence.
  const before = line
    .slice(0, index)
    .replace(/(?:\s*\[[A-Za-z]{0,3}\d+\])+\s*$/, '')
    .replace(/[.!?]["'”’)]*\s*$/, '')
  let sentence = before.slice(sentenceStart(before))
  if (wordCount(sentence.replace(marker, '')) < 3) {
    const after = line.slice(index).replace(/^\[[^\]]*\]/, '')
    const end = after.search(/[.!?]["'”’)]*(?:\s|$)/)
    sentence = `${sentence} ${end < 0 ? after : after.slice(0, end + 1)}`
  }
  return sentence.replace(marker, '').replace(/\s+/g, ' ').trim()
}

import { useEffect, useRef, useState } from 'react'
import type { SectionStatus } from '../api/types'
import { sectionAnnouncements } from '../lib/announcements'
import type { SectionState } from '../lib/draftState'

const kept = 5

/**
 * A polite live region that tells screen reader users when sections finish or fail while they work elsewhere on the
 * page. Sections that finish together are said in one message; older messages are dropped.
 */
export function LiveAnnouncer({ sections }: { sections: SectionState[] }) {
  const before = useRef<Record<string, SectionStatus> | null>(null)
  const next = useRef(0)
  const [messages, setMessages] = useState<{ id: number; text: string }[]>([])

  useEffect(() => {
    const said = before.current ? sectionAnnouncements(before.current, sections) : []
    before.current = Object.fromEntries(sections.map((s) => [s.sectionId, s.status]))
    if (said.length) setMessages((m) => [...m, { id: next.current++, text: said.join('. ') + '.' }].slice(-kept))
  }, [sections])

  return (
    <div className="visually-hidden" aria-live="polite" data-testid="announcer">
      {messages.map((m) => (
        <p key={m.id}>{m.text}</p>
      ))}
    </div>
  )
}

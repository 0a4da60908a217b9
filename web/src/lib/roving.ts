import { useCallback, useLayoutEffect, useRef, type FocusEvent, type KeyboardEvent } from 'react'

const moves: Record<string, (index: number, count: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
}

/**
 * One tab stop for all elements matching `selector` inside a container (a roving tabindex): Tab reaches the last one
 * used, Left and Right arrows, Home and End move between them (Up and Down keep scrolling the page). The elements may come and go (text streaming in), so their
 * tabindex is set after every render rather than by the components that draw them.
 */
export function useRovingTabStop<T extends HTMLElement>(selector: string) {
  const containerRef = useRef<T>(null)
  const current = useRef<HTMLElement | null>(null)

  const items = useCallback(() => [...(containerRef.current?.querySelectorAll<HTMLElement>(selector) ?? [])], [selector])
  const mark = useCallback(
    (all: HTMLElement[]) => {
      if (!current.current || !all.includes(current.current)) current.current = all[0] ?? null
      for (const el of all) el.tabIndex = el === current.current ? 0 : -1
    },
    [],
  )

  useLayoutEffect(() => mark(items()))

  const onFocus = useCallback(
    (e: FocusEvent<T>) => {
      const target = e.target as HTMLElement
      if (!target.matches(selector)) return
      current.current = target
      mark(items())
    },
    [items, mark, selector],
  )

  const onKeyDown = useCallback(
    (e: KeyboardEvent<T>) => {
      const move = moves[e.key]
      const target = e.target as HTMLElement
      if (!move || e.altKey || e.ctrlKey || e.metaKey || !target.matches(selector)) return
      const all = items()
      const index = all.indexOf(target)
      if (index < 0) return
      e.preventDefault()
      const next = all[move(index, all.length)]
      current.current = next
      mark(all)
      next.focus()
    },
    [items, mark, selector],
  )

  return { containerRef, onFocus, onKeyDown }
}

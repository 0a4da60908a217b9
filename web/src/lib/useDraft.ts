import { useCallback, useEffect, useRef, useState } from 'react'
import { api } from '../api/client'
import type { DraftSection } from '../api/types'
import { applyEvent, emptyDraftState, fromDraft, isActive, mergeSection, type DraftState, type StreamEvent } from './draftState'
import { DraftStream, type EventSourceFactory, type StreamStatus } from './draftStream'

/**
 * The live state of a draft: fetched first, then followed on its event stream while any section is pending or
 * generating. Events are applied in batches once per animation frame so that many sections streaming at once
 * cost one render per frame, not one per token.
 */
export function useDraft(draftId: string, createEventSource?: EventSourceFactory) {
  const [state, setState] = useState<DraftState>(emptyDraftState)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [streamStatus, setStreamStatus] = useState<StreamStatus>('closed')
  const stateRef = useRef(state)
  const streamRef = useRef<DraftStream | null>(null)
  const queue = useRef<StreamEvent[]>([])
  const flushScheduled = useRef(false)

  stateRef.current = state

  const flush = useCallback(() => {
    flushScheduled.current = false
    const events = queue.current
    queue.current = []
    if (!events.length) return
    setState((s) => {
      let next = s
      for (const e of events) next = applyEvent(next, e)
      // Nothing left to stream: close, so that the browser does not reopen a stream the server has ended.
      const finished = next.order.every((id) => !isActive(next.sections[id]))
      if (finished && streamRef.current && events.some((e) => e.name === 'complete' || e.name === 'section_complete' || e.name === 'section_error')) {
        const stream = streamRef.current
        streamRef.current = null
        queueMicrotask(() => stream.close())
      }
      return next
    })
  }, [])

  const onEvent = useCallback(
    (event: StreamEvent) => {
      queue.current.push(event)
      if (!flushScheduled.current) {
        flushScheduled.current = true
        if (typeof requestAnimationFrame === 'function' && document.visibilityState !== 'hidden') requestAnimationFrame(flush)
        else setTimeout(flush, 16)
      }
    },
    [flush],
  )

  const connect = useCallback(() => {
    if (streamRef.current) return
    const stream = new DraftStream(`/api/drafts/${encodeURIComponent(draftId)}/events`, {
      onEvent,
      onStatus: setStreamStatus,
      lastEventId: stateRef.current.lastEventId,
      createEventSource,
    })
    streamRef.current = stream
    stream.start()
  }, [draftId, onEvent, createEventSource])

  const reload = useCallback(async () => {
    try {
      const draft = await api.getDraft(draftId)
      setState((s) => fromDraft(draft, s.draft?.draftId === draft.draftId ? s : undefined))
      setLoadError(null)
      return draft
    } catch (err) {
      setLoadError(err)
      return null
    }
  }, [draftId])

  useEffect(() => {
    let cancelled = false
    setState(emptyDraftState)
    api.getDraft(draftId).then(
      (draft) => {
        if (cancelled) return
        const initial = fromDraft(draft)
        stateRef.current = initial
        setState(initial)
        if (draft.sections.some(isActive)) connect()
      },
      (err) => !cancelled && setLoadError(err),
    )
    return () => {
      cancelled = true
      streamRef.current?.close()
      streamRef.current = null
    }
  }, [draftId, connect])

  const merge = useCallback((section: DraftSection | undefined | null) => {
    if (section && typeof section === 'object' && 'sectionId' in section) setState((s) => mergeSection(s, section))
  }, [])

  /** After an action whose reply may not hold the section: fetch the draft and take that one section. */
  const refreshSection = useCallback(
    async (sectionId: string) => {
      const draft = await api.getDraft(draftId)
      const fresh = draft.sections.find((x) => x.sectionId === sectionId)
      if (fresh) merge(fresh)
    },
    [draftId, merge],
  )

  /** Marks a section as about to regenerate and makes sure the stream is open to receive its tokens. */
  const expectGeneration = useCallback(
    (sectionId: string) => {
      setState((s) => {
        const section = s.sections[sectionId]
        if (!section) return s
        return { ...s, sections: { ...s.sections, [sectionId]: { ...section, status: 'pending', error: null, awaitingNewVersion: true } } }
      })
      connect()
    },
    [connect],
  )

  return { state, loadError, streamStatus, reload, merge, refreshSection, expectGeneration }
}

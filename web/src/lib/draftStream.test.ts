import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { StreamEvent } from './draftState'
import { FakeEventSource } from '../test/fakes'
import { DraftStream, type StreamStatus } from './draftStream'

describe('DraftStream', () => {
  let events: StreamEvent[]
  let statuses: StreamStatus[]
  beforeEach(() => {
    FakeEventSource.instances = []
    events = []
    statuses = []
    vi.useFakeTimers()
  })
  afterEach(() => vi.useRealTimers())

  const start = (lastEventId: number | null = null) => {
    const stream = new DraftStream('/api/drafts/d1/events', {
      onEvent: (e) => events.push(e),
      onStatus: (s) => statuses.push(s),
      lastEventId,
      createEventSource: (url) => new FakeEventSource(url),
      retryDelayMs: 100,
    })
    stream.start()
    return stream
  }

  it('passes named events on with their ids and parsed data', () => {
    start()
    const es = FakeEventSource.instances[0]
    expect(es.url).toBe('/api/drafts/d1/events')
    es.open()
    es.emit('section_start', { sectionId: 'a', version: 1 }, 1)
    es.emit('token', { sectionId: 'a', content: 'Hello' }, 2)
    expect(events).toEqual([
      { id: 1, name: 'section_start', data: { sectionId: 'a', version: 1 } },
      { id: 2, name: 'token', data: { sectionId: 'a', content: 'Hello' } },
    ])
    expect(statuses).toEqual(['connecting', 'open'])
  })

  it('reports reconnecting while the browser retries by itself, and open again after', () => {
    start()
    const es = FakeEventSource.instances[0]
    es.open()
    es.fail(0)
    expect(statuses.at(-1)).toBe('reconnecting')
    expect(FakeEventSource.instances).toHaveLength(1)
    es.open()
    expect(statuses.at(-1)).toBe('open')
  })

  it('reopens a closed stream after the last event it received', () => {
    start()
    const first = FakeEventSource.instances[0]
    first.open()
    first.emit('token', { sectionId: 'a', content: 'x' }, 41)
    first.fail(2)
    expect(statuses.at(-1)).toBe('reconnecting')
    vi.advanceTimersByTime(100)
    expect(FakeEventSource.instances).toHaveLength(2)
    expect(FakeEventSource.instances[1].url).toBe('/api/drafts/d1/events?lastEventId=41')
    expect(first.closed).toBe(true)
  })

  it('resumes from a given event id', () => {
    start(12)
    expect(FakeEventSource.instances[0].url).toBe('/api/drafts/d1/events?lastEventId=12')
  })

  it('ignores the connection-level error and delivers a server error event', () => {
    start()
    const es = FakeEventSource.instances[0]
    es.emit('error', { message: 'Provider unavailable' }, 5)
    expect(events).toEqual([{ id: 5, name: 'error', data: { message: 'Provider unavailable' } }])
  })

  it('stops delivering and reconnecting once closed', () => {
    const stream = start()
    const es = FakeEventSource.instances[0]
    stream.close()
    es.emit('token', { sectionId: 'a', content: 'late' }, 3)
    es.fail(2)
    vi.advanceTimersByTime(10_000)
    expect(events).toEqual([])
    expect(FakeEventSource.instances).toHaveLength(1)
    expect(statuses.at(-1)).toBe('closed')
  })
})

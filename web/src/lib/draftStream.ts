import type { StreamEvent } from './draftState'

export const streamEventNames = [
  'section_start',
  'token',
  'section_complete',
  'section_error',
  'section_quality',
  'complete',
  'error',
] as const

export type StreamStatus = 'connecting' | 'open' | 'reconnecting' | 'closed'

export interface EventSourceLike {
  readonly readyState: number
  onopen: ((this: EventSource, ev: Event) => unknown) | null
  onerror: ((this: EventSource, ev: Event) => unknown) | null
  addEventListener(type: string, listener: (ev: MessageEvent) => void): void
  close(): void
}

export type EventSourceFactory = (url: string) => EventSourceLike

export interface DraftStreamOptions {
  onEvent: (event: StreamEvent) => void
  onStatus?: (status: StreamStatus) => void
  /** Resume after this event id (the server may also be told by the browser's own Last-Event-ID header). */
  lastEventId?: number | null
  createEventSource?: EventSourceFactory
  /** Delay before reopening a stream the browser gave up on; grows up to 15 s. */
  retryDelayMs?: number
}

const CLOSED = 2

/**
 * Follows /api/drafts/{id}/events. The browser's EventSource reconnects by itself after a drop and sends
 * Last-Event-ID; when it gives up (closed after an error) this reopens it with ?lastEventId= so that only the
 * missed events come. Events are passed on with their ids; the draft state skips any it has already applied.
 */
export class DraftStream {
  private source: EventSourceLike | null = null
  private lastEventId: number | null
  private stopped = false
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private failures = 0
  private readonly url: string
  private readonly options: DraftStreamOptions

  constructor(url: string, options: DraftStreamOptions) {
    this.url = url
    this.options = options
    this.lastEventId = options.lastEventId ?? null
  }

  get resumeFrom(): number | null {
    return this.lastEventId
  }

  start(): void {
    this.stopped = false
    this.open('connecting')
  }

  close(): void {
    this.stopped = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
    this.source?.close()
    this.source = null
    this.options.onStatus?.('closed')
  }

  private open(status: StreamStatus): void {
    const factory = this.options.createEventSource ?? ((u: string) => new EventSource(u) as unknown as EventSourceLike)
    const url = this.lastEventId != null ? `${this.url}?lastEventId=${this.lastEventId}` : this.url
    this.options.onStatus?.(status)
    const source = factory(url)
    this.source = source
    source.onopen = () => {
      this.failures = 0
      this.options.onStatus?.('open')
    }
    source.onerror = () => {
      if (this.stopped || this.source !== source) return
      if (source.readyState === CLOSED) {
        source.close()
        this.scheduleReopen()
      } else {
        this.options.onStatus?.('reconnecting')
      }
    }
    for (const name of streamEventNames) {
      source.addEventListener(name, (event: MessageEvent) => this.dispatch(name, event))
    }
  }

  private dispatch(name: string, event: MessageEvent): void {
    if (this.stopped) return
    // A server-side `event: error` frame arrives as a MessageEvent with data; the connection error has none.
    if (name === 'error' && typeof event.data !== 'string') return
    let data: Record<string, unknown> = {}
    try {
      data = event.data ? (JSON.parse(event.data) as Record<string, unknown>) : {}
    } catch {
      data = { message: String(event.data) }
    }
    const parsed = Number(event.lastEventId)
    const id = event.lastEventId && Number.isFinite(parsed) ? parsed : null
    if (id != null) this.lastEventId = id
    this.options.onEvent({ id, name, data })
  }

  private scheduleReopen(): void {
    this.options.onStatus?.('reconnecting')
    this.failures++
    const base = this.options.retryDelayMs ?? 1000
    const delay = Math.min(15_000, base * 2 ** Math.min(this.failures - 1, 4))
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      if (!this.stopped) this.open('reconnecting')
    }, delay)
  }
}

import { vi } from 'vitest'
import type { EventSourceLike } from '../lib/draftStream'

/** An EventSource the test drives: open, emit named events with ids, fail. */
export class FakeEventSource implements EventSourceLike {
  static instances: FakeEventSource[] = []
  readyState = 0
  onopen: EventSourceLike['onopen'] = null
  onerror: EventSourceLike['onerror'] = null
  closed = false
  private listeners = new Map<string, ((e: MessageEvent) => void)[]>()
  readonly url: string

  constructor(url: string) {
    this.url = url
    FakeEventSource.instances.push(this)
  }
  addEventListener(type: string, listener: (e: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener])
  }
  close() {
    this.closed = true
    this.readyState = 2
  }
  open() {
    this.readyState = 1
    this.onopen?.call(this as unknown as EventSource, new Event('open'))
  }
  emit(name: string, data: unknown, id?: number) {
    const event = new MessageEvent(name, { data: JSON.stringify(data), lastEventId: id == null ? '' : String(id) })
    for (const l of this.listeners.get(name) ?? []) l(event)
  }
  fail(readyState: number) {
    this.readyState = readyState
    this.onerror?.call(this as unknown as EventSource, new Event('error'))
  }
}

type Handler = (init: RequestInit | undefined, url: string) => Response | Promise<Response>

/** Routes fetch calls by "METHOD path" (query ignored) and records them. */
export function mockFetch(routes: Record<string, Handler>) {
  const calls: { method: string; url: string; init?: RequestInit }[] = []
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input.toString()
    const method = (init?.method ?? 'GET').toUpperCase()
    calls.push({ method, url, init })
    const path = url.split('?')[0]
    const handler = routes[`${method} ${path}`]
    if (!handler) return json(404, { title: 'Not Found', status: 404 })
    return handler(init, url)
  })
  vi.stubGlobal('fetch', fn)
  return calls
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })

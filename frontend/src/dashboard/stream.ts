import type { Occupancy, Stats } from "../api";

// The admin stream (text/event-stream, the session cookie authenticates it): an `occupancy` and a
// `stats` event at once and on every change. EventSource reconnects by itself after a dropped connection; when the
// server refused it (closed for good), we open a new one after a pause.

export type Connection = "connecting" | "live" | "reconnecting";

export type StreamSource = Pick<EventSource, "addEventListener" | "close" | "readyState"> & {
  onopen: ((this: EventSource, ev: Event) => unknown) | null;
  onerror: ((this: EventSource, ev: Event) => unknown) | null;
};

export function follow(
  slug: string,
  onStats: (stats: Stats, receivedAt: Date) => void,
  onConnection: (state: Connection) => void,
  open: (url: string) => StreamSource = (url) => new EventSource(url),
  reopenAfterMs = 5000,
  onRefused: () => void = () => undefined,
  onOccupancy: (occupancy: Occupancy) => void = () => undefined,
): () => void {
  let source: StreamSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let seen = false;

  const connect = () => {
    source = open(`/api/admin/stream?event=${encodeURIComponent(slug)}`);
    source.onopen = () => onConnection("live");
    source.addEventListener("stats", (e) => {
      seen = true;
      onConnection("live");
      onStats(JSON.parse((e as MessageEvent<string>).data) as Stats, new Date());
    });
    source.addEventListener("occupancy", (e) => {
      onOccupancy(JSON.parse((e as MessageEvent<string>).data) as Occupancy);
    });
    source.onerror = () => {
      if (stopped) return;
      onConnection(seen ? "reconnecting" : "connecting");
      if (source?.readyState === 2 /* CLOSED */) {
        // Refused (the session ended, say) rather than dropped: let the page check the session.
        onRefused();
        source.close();
        timer = setTimeout(connect, reopenAfterMs);
      }
    };
  };
  onConnection("connecting");
  connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    source?.close();
  };
}

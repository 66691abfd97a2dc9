import { describe, expect, it } from "vitest";
import type { Stats } from "../api";
import { follow, type Connection, type StreamSource } from "./stream";

class FakeSource implements StreamSource {
  readyState = 0;
  onopen: StreamSource["onopen"] = null;
  onerror: StreamSource["onerror"] = null;
  closed = false;
  private listeners: [string, (e: MessageEvent) => void][] = [];
  constructor(readonly url: string) {}
  addEventListener(name: string, listener: unknown) {
    this.listeners.push([name, listener as (e: MessageEvent) => void]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  emit(stats: Partial<Stats>, name = "stats") {
    this.readyState = 1;
    this.listeners
      .filter(([n]) => n === name)
      .forEach(([, l]) => l(new MessageEvent(name, { data: JSON.stringify(stats) })));
  }
  fail(closed: boolean) {
    this.readyState = closed ? 2 : 0;
    this.onerror?.call(this as unknown as EventSource, new Event("error"));
  }
}

describe("admin stream", () => {
  it("is live on a snapshot, reconnecting after a drop, and reopens when the server closed it", async () => {
    const sources: FakeSource[] = [];
    const states: Connection[] = [];
    let refused = 0;
    const seen: Partial<Stats>[] = [];
    const stop = follow(
      "demo fair",
      (s) => seen.push(s),
      (c) => states.push(c),
      (url) => {
        const source = new FakeSource(url);
        sources.push(source);
        return source;
      },
      10,
      () => refused++,
    );
    expect(sources[0].url).toBe("/api/admin/stream?event=demo%20fair");
    sources[0].emit({ generatedAt: "x" });
    expect(seen).toEqual([{ generatedAt: "x" }]);
    sources[0].fail(false); // EventSource retries by itself
    expect(states.at(-1)).toBe("reconnecting");
    expect(sources).toHaveLength(1);
    expect(refused).toBe(0);
    sources[0].fail(true); // refused: the session is checked, a new one after the pause
    expect(refused).toBe(1);
    await new Promise((r) => setTimeout(r, 30));
    expect(sources).toHaveLength(2);
    sources[1].emit({ generatedAt: "y" });
    expect(states.at(-1)).toBe("live");
    stop();
    expect(sources[1].closed).toBe(true);
  });

  it("hands occupancy events to their own listener, not as statistics", () => {
    let source: FakeSource | undefined;
    const stats: unknown[] = [];
    const occupancy: unknown[] = [];
    follow(
      "fair",
      (s) => stats.push(s),
      () => undefined,
      (url) => (source = new FakeSource(url)),
      10,
      () => undefined,
      (o) => occupancy.push(o),
    );
    source!.emit({ inside: 4 } as never, "occupancy");
    expect(occupancy).toEqual([{ inside: 4 }]);
    expect(stats).toEqual([]);
  });
});

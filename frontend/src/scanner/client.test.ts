import { describe, expect, it } from "vitest";
import { scan } from "./client";

const request = { token: "TKT1.a.b", gateId: "g", deviceId: "d" };
const ok = () =>
  new Response(JSON.stringify({ outcome: "ADMITTED", ticket: null }), {
    status: 200,
    headers: { "Content-Type": "application/json" },
  });
const problem = (status: number, type: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: `urn:pravesh:problem:${type}`, title: type, status }), {
    status,
    headers: { "Content-Type": "application/problem+json", ...headers },
  });

function fake(...answers: (() => Response | Promise<Response>)[]) {
  const keys: (string | null)[] = [];
  const fetcher = (async (_: string, init: RequestInit) => {
    keys.push(new Headers(init.headers).get("Idempotency-Key"));
    const next = answers.shift();
    if (!next) throw new Error("no more answers");
    return next();
  }) as unknown as typeof fetch;
  return { keys, fetcher };
}

const noPause = { pause: async () => undefined };

describe("scan client", () => {
  it("sends a lost request again with the same key", async () => {
    const f = fake(
      () => Promise.reject(new TypeError("network down")),
      () => Promise.reject(new TypeError("network down")),
      ok,
    );
    const result = await scan(request, "key-1", { fetcher: f.fetcher, ...noPause });
    expect(result).toEqual({ answer: { outcome: "ADMITTED", ticket: null } });
    expect(f.keys).toEqual(["key-1", "key-1", "key-1"]);
  });

  it("gives up after its attempts with a network failure (amber), never a verdict", async () => {
    const down = () => Promise.reject(new TypeError("down"));
    const f = fake(down, down, down);
    expect(await scan(request, "k", { fetcher: f.fetcher, ...noPause })).toEqual({
      failure: { kind: "network" },
    });
  });

  it("answers 503 with try-again and 429 with its wait, without resending", async () => {
    const busy = fake(() => problem(503, "try-again"));
    expect(await scan(request, "k", { fetcher: busy.fetcher, ...noPause })).toEqual({
      failure: { kind: "try-again" },
    });
    expect(busy.keys).toHaveLength(1);
    const limited = fake(() => problem(429, "rate-limited", { "Retry-After": "7" }));
    expect(await scan(request, "k", { fetcher: limited.fetcher, ...noPause })).toEqual({
      failure: { kind: "rate-limited", retryAfter: 7 },
    });
  });

  it("times out a request that hangs and resends it", async () => {
    let aborted = 0;
    const keys: string[] = [];
    const fetcher = ((_: string, init: RequestInit) => {
      keys.push(new Headers(init.headers).get("Idempotency-Key")!);
      if (keys.length === 1) {
        return new Promise((_, reject) =>
          init.signal!.addEventListener("abort", () => {
            aborted++;
            reject(new DOMException("aborted", "AbortError"));
          }),
        );
      }
      return Promise.resolve(ok());
    }) as unknown as typeof fetch;
    const result = await scan(request, "k9", { fetcher, timeoutMs: 20, ...noPause });
    expect(aborted).toBe(1);
    expect(keys).toEqual(["k9", "k9"]);
    expect("answer" in result).toBe(true);
  });
});

describe("scan client and gateway errors", () => {
  it("resends after a 502 (the scan may have been decided), with the same key", async () => {
    const f = fake(() => problem(502, "internal"), ok);
    const result = await scan(request, "k7", { fetcher: f.fetcher, ...noPause });
    expect("answer" in result).toBe(true);
    expect(f.keys).toEqual(["k7", "k7"]);
  });

  it("shows a refusal (400, 401, 403) without resending", async () => {
    const f = fake(() => problem(401, "unauthorized"));
    expect(await scan(request, "k", { fetcher: f.fetcher, ...noPause })).toMatchObject({
      failure: { kind: "refused", status: 401 },
    });
    expect(f.keys).toHaveLength(1);
  });
});

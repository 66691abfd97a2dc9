import { describe, expect, it } from "vitest";
import { ApiError, call } from "./api";

function recorder(response: Response) {
  const seen: { path: string; init: RequestInit }[] = [];
  const fetcher = (async (path: string, init: RequestInit) => {
    seen.push({ path, init });
    return response;
  }) as unknown as typeof fetch;
  return { seen, fetcher };
}

describe("api client", () => {
  it("sends the CSRF cookie's value on a state-changing call, not on a read", async () => {
    const post = recorder(new Response(JSON.stringify({ ok: true }), { status: 202 }));
    await call("/api/x", { method: "POST", body: "{}" }, post.fetcher, "a=1; pravesh_csrf=abc%3D");
    expect(new Headers(post.seen[0].init.headers).get("X-CSRF-Token")).toBe("abc=");
    expect(post.seen[0].init.credentials).toBe("same-origin");

    const get = recorder(new Response("[]", { status: 200 }));
    await call("/api/x", {}, get.fetcher, "pravesh_csrf=abc");
    expect(new Headers(get.seen[0].init.headers).has("X-CSRF-Token")).toBe(false);
  });

  it("turns problem+json into an ApiError with the problem's name and Retry-After", async () => {
    const limited = recorder(
      new Response(
        JSON.stringify({
          type: "urn:pravesh:problem:rate-limited",
          title: "Too many",
          detail: "Slow down",
        }),
        {
          status: 429,
          headers: { "Retry-After": "30", "Content-Type": "application/problem+json" },
        },
      ),
    );
    const error = await call("/api/x", {}, limited.fetcher, "").catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 429,
      type: "rate-limited",
      detail: "Slow down",
      retryAfterSeconds: 30,
    });
  });

  it("copes with an error body that is not JSON", async () => {
    const broken = recorder(new Response("<html>", { status: 502, statusText: "Bad Gateway" }));
    const error = await call("/api/x", {}, broken.fetcher, "").catch((e) => e);
    expect(error).toMatchObject({ status: 502, type: "internal", detail: "Bad Gateway" });
  });
});

describe("Retry-After", () => {
  it("reads seconds and HTTP dates", async () => {
    const { retryAfter } = await import("./api");
    expect(retryAfter(new Headers({ "Retry-After": "30" }))).toBe(30);
    const now = Date.parse("2026-12-01T10:00:00Z");
    expect(retryAfter(new Headers({ "Retry-After": "Tue, 01 Dec 2026 10:01:00 GMT" }), now)).toBe(
      60,
    );
    expect(retryAfter(new Headers({}))).toBeUndefined();
    expect(retryAfter(new Headers({ "Retry-After": "soon" }))).toBeUndefined();
  });
});

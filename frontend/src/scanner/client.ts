import { ApiError, send, type ScanAnswer } from "../api";
import type { Failure } from "./state";

// The scanner's requests, all through here (issue 15 adds the offline path beside them). Each
// physical scan has its own Idempotency-Key; a request whose answer is lost is sent again with
// the same key, so the server decides it once and a retry never turns away a visitor it admitted.

export type ScanRequest = {
  token?: string;
  code?: string;
  gateId: string;
  deviceId: string;
  direction?: "IN" | "OUT";
};

export type ScanResultOrFailure = { answer: ScanAnswer } | { failure: Failure };

export async function scan(
  request: ScanRequest,
  key: string,
  {
    fetcher = fetch,
    attempts = 3,
    timeoutMs = 6000,
    pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
  }: {
    fetcher?: typeof fetch;
    attempts?: number;
    timeoutMs?: number;
    pause?: (ms: number) => Promise<void>;
  } = {},
): Promise<ScanResultOrFailure> {
  for (let attempt = 1; ; attempt++) {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      const response = await send(
        "/api/scans",
        {
          method: "POST",
          body: JSON.stringify(request),
          headers: { "Idempotency-Key": key },
          signal: abort.signal,
        },
        fetcher,
      );
      return { answer: (await response.json()) as ScanAnswer };
    } catch (e) {
      if (e instanceof ApiError) {
        if (e.status === 429)
          return { failure: { kind: "rate-limited", retryAfter: e.retryAfterSeconds } };
        if (e.status === 503 || e.type === "try-again") return { failure: { kind: "try-again" } };
        if (e.status < 500)
          return { failure: { kind: "refused", detail: e.detail, status: e.status } };
        // 500, 502, 504: a proxy or the server failed on the way; the scan may have been decided.
      }
      // No answer, or one that says nothing (network down, timed out, a gateway error): the same
      // key again, a few times.
      if (attempt >= attempts) return { failure: { kind: "network" } };
      await pause(300 * attempt);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** This device's id, made once and kept (sent with every scan, for the audit trail). */
export function deviceId(
  storage: Pick<Storage, "getItem" | "setItem">,
  fresh: () => string,
): string {
  const existing = storage.getItem("pravesh.deviceId");
  if (existing) return existing;
  const id = "web-" + fresh().slice(0, 12);
  storage.setItem("pravesh.deviceId", id);
  return id;
}

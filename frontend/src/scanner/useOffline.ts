import { useEffect, useRef, useState } from "react";
import { createStore, get as load, set as keep, setMany, type UseStore } from "idb-keyval";
import { dateIn } from "../dates";
import { ApiError, send, type ScanOutcome } from "../api";
import type { Verifier } from "./offlineToken";
import {
  apply,
  decide,
  hold,
  moved,
  seen,
  sendQueue,
  tooOld,
  verifiers,
  type BatchResult,
  type OfflineDecision,
  type OwnMoves,
  type QueuedScan,
  type Refused,
  type Snapshot,
  type SnapshotAnswer,
} from "./offline";

// The scanner's offline side: the snapshot kept in IndexedDB (idb-keyval) and refreshed every few
// seconds while online, the switch to offline when a request fails (and back when the server
// answers again), the queue of offline scans and its sending.

const POLL_MS = 10_000;
const PROBE_MS = 5_000;
const TIMEOUT_MS = 6_000;
const FULL_EVERY = 30;

export type Sync = {
  sent: number;
  conflicts: number;
  dropped: number;
  /** Scans the server refused to take (kept aside on the device), and why. */
  refused: number;
  reason?: string;
  at: number;
};

export type Offline = {
  /** Whether scans are decided on this device now. */
  offline: boolean;
  /** Whether a snapshot of the event is kept (offline decisions need one). */
  ready: boolean;
  waiting: number;
  lastSync: Sync | null;
  /**
   * Decides a token from the snapshot, queues the scan (unless undecided), remembers the move.
   * Throws when the device cannot keep it (storage full or refused): nothing was queued.
   */
  scan: (
    token: string,
    key: string,
    gateId: string,
    direction: "IN" | "OUT",
  ) => Promise<OfflineDecision>;
  /** A request failed for want of network: offline from now on, until the server answers. */
  lost: () => void;
  /** An online answer: the device remembers it until its snapshot shows it. */
  answered: (tid: string, outcome: ScanOutcome, direction: "IN" | "OUT") => void;
};

/**
 * Whether a failed request says the network (or the server) is gone: no answer at all (a
 * TypeError from fetch, an abort on time-out) or a gateway's. Any other answer came from the
 * server: the scanner stays as it is.
 */
export function unreachable(error: unknown): boolean {
  return (
    !(error instanceof ApiError) ||
    [502, 503, 504].includes(error.status) ||
    // Not the API's own answer (a problem document): a proxy's or an undeployed server's page.
    typeof error.body.type !== "string"
  );
}

/** The server's clock less this device's, from a response's Date header (0 within a minute). */
function skewOf(response: Response): number | undefined {
  const date = Date.parse(response.headers.get("Date") ?? "");
  if (Number.isNaN(date)) return undefined;
  const skew = date - Date.now();
  return Math.abs(skew) < 60_000 ? 0 : skew;
}

let store: UseStore | undefined;
const db = () => (store ??= createStore("pravesh-scanner", "kept"));

async function fetchSnapshot(
  slug: string,
  cursor?: string,
): Promise<{ answer: SnapshotAnswer; skew?: number }> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  try {
    const since = cursor ? `&since=${encodeURIComponent(cursor)}` : "";
    const response = await send(`/api/scanner/snapshot?event=${encodeURIComponent(slug)}${since}`, {
      signal: abort.signal,
    });
    return { answer: (await response.json()) as SnapshotAnswer, skew: skewOf(response) };
  } finally {
    clearTimeout(timer);
  }
}

async function postBatch(body: { deviceId: string; scans: QueuedScan[] }) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 30_000);
  try {
    const response = await send("/api/scans/batch", {
      method: "POST",
      body: JSON.stringify(body),
      signal: abort.signal,
    });
    return (await response.json()) as { results: BatchResult[] };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `onSignedOut`: the server answered 401 (the session ended): the caller signs in again; the
 * queue stays on the device and is sent once signed in.
 */
export function useOffline(
  slug: string | undefined,
  deviceId: string,
  onSignedOut: () => void,
): Offline {
  const [offline, setOffline] = useState(!navigator.onLine);
  const [waiting, setWaiting] = useState(0);
  const [ready, setReady] = useState(false);
  const [lastSync, setLastSync] = useState<Sync | null>(null);
  // Read and changed by async code: kept in refs, the state above is what renders.
  const snapshot = useRef<Snapshot | undefined>(undefined);
  const keys = useRef<Map<string, Verifier>>(new Map());
  const keysOf = useRef("");
  const own = useRef<OwnMoves>({});
  const queue = useRef<QueuedScan[]>([]);
  const offlineNow = useRef(offline);
  /** How often the network was found gone: a poll that started before the last does not undo it. */
  const losses = useRef(0);
  const sending = useRef(false);
  const refused = useRef<Refused[]>([]);
  /** The server's clock less this device's: offline scans are stamped in the server's time. */
  const skew = useRef(Number(localStorage.getItem("pravesh.scanner.skew")) || 0);

  const goOffline = (value: boolean) => {
    if (value) losses.current++;
    offlineNow.current = value;
    setOffline(value);
  };

  const ownKey = (kept: Snapshot) => `${kept.event.slug} ${kept.date}`;

  const remember = async (next: Snapshot) => {
    // A new day, or another event: this device's moves were of the old one.
    if (snapshot.current && ownKey(snapshot.current) !== ownKey(next)) await forget();
    snapshot.current = next;
    const keyText = JSON.stringify(next.keys);
    if (keyText !== keysOf.current) {
      keys.current = await verifiers(next);
      keysOf.current = keyText;
    }
    await keep(`snapshot:${next.event.slug}`, next, db());
    setReady(true);
  };

  /** This device's moves, once the server has them all and the snapshot shows them. */
  const forget = async () => {
    own.current = {};
    await keep("own", undefined, db());
  };

  const polls = useRef(0);
  const refresh = async (slug: string) => {
    const current = snapshot.current?.event.slug === slug ? snapshot.current : undefined;
    // Now and then the whole snapshot (the server's one kept copy): a change a delta missed (a
    // transaction that committed long after it wrote) is there at the latest then.
    const whole = polls.current++ % FULL_EVERY === 0;
    const asked = Date.now();
    const cursor = whole ? undefined : current?.cursor;
    const got = await fetchSnapshot(slug, cursor).catch((error) => {
      // A cursor the server does not take (a node of another release during a deploy): the
      // whole snapshot instead.
      if (cursor && error instanceof ApiError && error.status === 400) return fetchSnapshot(slug);
      throw error;
    });
    if (got.skew !== undefined && got.skew !== skew.current) {
      skew.current = got.skew;
      localStorage.setItem("pravesh.scanner.skew", String(got.skew));
    }
    await remember(apply(current, got.answer));
    // The moves this snapshot shows need no note of their own any more.
    const shown = seen(own.current, asked, queue.current.length === 0);
    if (Object.keys(shown).length !== Object.keys(own.current).length) {
      own.current = shown;
      await keep("own", { key: ownKey(snapshot.current!), moves: shown }, db());
    }
  };

  const flush = async () => {
    if (sending.current || queue.current.length === 0) return;
    sending.current = true;
    try {
      const before = queue.current;
      const { kept, dropped } = tooOld(before, Date.now());
      const sent = await sendQueue(kept, deviceId, postBatch);
      // Only the scans answered, refused or too old to send go: those made while the batch was
      // on its way stay queued.
      const gone = new Set(
        before.filter((scan) => !sent.waiting.includes(scan)).map((scan) => scan.key),
      );
      const writes: [string, unknown][] = [];
      if (sent.refused.length > 0) {
        // Kept aside on the device (never lost): what the server would not take, and why. Their
        // moves stay this device's all day: the server's snapshot will never show them.
        refused.current = [...refused.current, ...sent.refused];
        own.current = hold(
          own.current,
          sent.refused.map((r) => r.scan.tid),
        );
        writes.push(["refused", refused.current]);
        const kept = snapshot.current;
        if (kept) writes.push(["own", { key: ownKey(kept), moves: own.current }]);
      }
      queue.current = queue.current.filter((scan) => !gone.has(scan.key));
      // One transaction: a scan is in the queue or set aside, never both nor neither.
      await setMany([["queue", queue.current], ...writes], db());
      setWaiting(queue.current.length);
      if (sent.results.length > 0 || dropped > 0 || sent.refused.length > 0) {
        setLastSync({
          sent: sent.results.length,
          conflicts: sent.results.filter((r) => r.conflict).length,
          dropped,
          refused: sent.refused.length,
          reason: sent.refused[0]?.reason,
          at: Date.now(),
        });
      }
      if (sent.error) throw sent.error;
    } finally {
      sending.current = false;
    }
  };

  // What the device kept: the snapshot, the queue, its own moves. Read before anything else uses
  // them (the first poll, a scan): neither would see, or could overwrite, what is kept.
  const loaded = useRef<Promise<void>>(Promise.resolve());
  useEffect(() => {
    if (!slug) return;
    let stopped = false;
    loaded.current = (async () => {
      const kept = await load<Snapshot>(`snapshot:${slug}`, db());
      queue.current = (await load<QueuedScan[]>("queue", db())) ?? [];
      refused.current = (await load<Refused[]>("refused", db())) ?? [];
      const savedOwn = await load<{ key: string; moves: OwnMoves }>("own", db());
      if (kept && savedOwn?.key === ownKey(kept)) own.current = savedOwn.moves;
      if (stopped) return;
      setWaiting(queue.current.length);
      // Scans still waiting from before (a reload, a crash): decided here until they are sent,
      // or the server, not knowing them yet, would let a ticket this device admitted in again.
      if (queue.current.length > 0) goOffline(true);
      if (kept) await remember(kept);
    })().catch(() => undefined);
    return () => {
      stopped = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [slug]);

  // Online: a delta every few seconds, and the queue sent. Offline: the server asked every few
  // seconds; its first answer ends the offline mode, once the queue is sent.
  useEffect(() => {
    if (!slug) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    let running = false;
    let again = false;
    const tick = async () => {
      // One loop: a tick asked for while one runs (the browser back online) runs right after it.
      if (running) {
        again = true;
        return;
      }
      running = true;
      clearTimeout(timer);
      const lossesBefore = losses.current;
      try {
        await loaded.current;
        // Any answer from the server means it is reachable: the queue is sent even when the
        // snapshot could not be made (a 500, a 400), and the scanner is back online after it.
        let answered: unknown;
        const poll = () =>
          refresh(slug).catch((error) => {
            if (unreachable(error)) throw error;
            answered ??= error;
          });
        await poll();
        if (queue.current.length > 0) {
          await flush(); // throws unless every scan was answered
          await poll(); // the snapshot with this device's scans in it
        }
        // Online again once the queue is empty (scans made while it was sent stay queued: the
        // server, not knowing them yet, would admit their tickets again), and not when the
        // network was lost during this poll.
        if (queue.current.length > 0) again = true;
        else if (offlineNow.current && losses.current === lossesBefore) goOffline(false);
        if (answered) throw answered;
      } catch (error) {
        if (stopped) return;
        if (unreachable(error)) {
          // No answer, or not every scan sent: offline (or still), and asked again soon.
          if (!offlineNow.current) goOffline(true);
        } else if (error instanceof ApiError && error.status === 401) {
          onSignedOut();
        }
        // Any other answer came from the server: the scanner stays as it is; asked again later.
      } finally {
        running = false;
      }
      if (stopped) return;
      if (again) {
        again = false;
        void tick();
      } else {
        timer = setTimeout(tick, offlineNow.current ? PROBE_MS : POLL_MS);
      }
    };
    void tick();
    const online = () => void tick();
    // The browser knows first when the device lost its network: offline at once.
    const gone = () => goOffline(true);
    addEventListener("online", online);
    addEventListener("offline", gone);
    return () => {
      stopped = true;
      clearTimeout(timer);
      removeEventListener("online", online);
      removeEventListener("offline", gone);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [slug]);

  const scan: Offline["scan"] = async (token, key, gateId, direction) => {
    await loaded.current;
    const kept = snapshot.current;
    if (!kept) return { undecided: "stale-snapshot" };
    // The event's day by the server's clock (a device's clock may be off).
    const today = dateIn(kept.event.timeZone, new Date(Date.now() + skew.current));
    const decision = await decide(token, direction, kept, keys.current, own.current, today);
    if (!("outcome" in decision)) return decision;
    const queued: QueuedScan = {
      key,
      tid: decision.ticket?.tid,
      token,
      gateId,
      direction,
      scannedAt: new Date(Date.now() + skew.current).toISOString(),
      offlineOutcome: decision.outcome,
    };
    const before = own.current;
    const after = moved(before, decision.ticket?.tid, decision.outcome, Date.now(), true);
    own.current = after;
    queue.current = [...queue.current, queued];
    setWaiting(queue.current.length);
    try {
      // Kept before the answer is shown: a reload, a crash, a flat battery lose none of it. The
      // queue and the moves in one transaction (they never disagree); each write is of the
      // latest of both (IndexedDB applies them in order).
      await setMany(
        [
          ["queue", queue.current],
          ["own", { key: ownKey(kept), moves: own.current }],
        ],
        db(),
      );
    } catch (error) {
      // Not kept: not decided either (the volunteer is told to try again).
      queue.current = queue.current.filter((scan) => scan !== queued);
      if (own.current === after) own.current = before;
      setWaiting(queue.current.length);
      throw error;
    }
    return decision;
  };

  const answered: Offline["answered"] = (tid, outcome, direction) => {
    // An exit's ALREADY_ADMITTED cannot be: only an entry's answers say where the ticket is.
    if (direction === "OUT" && outcome === "ALREADY_ADMITTED") return;
    void (async () => {
      await loaded.current;
      const kept = snapshot.current;
      const moves = moved(own.current, tid, outcome, Date.now(), false, kept?.event.reentry);
      if (moves === own.current) return;
      // Remembered even before any snapshot came (kept on the device with the first one).
      own.current = moves;
      if (kept) await keep("own", { key: ownKey(kept), moves }, db());
    })().catch(() => undefined);
  };

  return { offline, ready, waiting, lastSync, scan, lost: () => goOffline(true), answered };
}

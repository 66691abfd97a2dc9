import { useEffect, useRef, useState } from "react";
import { createStore, get as load, set as keep, type UseStore } from "idb-keyval";
import { send } from "../api";
import type { Verifier } from "./offlineToken";
import {
  apply,
  decide,
  moved,
  sendQueue,
  tooOld,
  verifiers,
  type BatchResult,
  type OfflineDecision,
  type OwnMoves,
  type QueuedScan,
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

export type Sync = { sent: number; conflicts: number; dropped: number; at: number };

export type Offline = {
  /** Whether scans are decided on this device now. */
  offline: boolean;
  /** Whether a snapshot of the event is kept (offline decisions need one). */
  ready: boolean;
  waiting: number;
  lastSync: Sync | null;
  /** Decides a token from the snapshot, queues the scan, remembers the move. */
  scan: (
    token: string,
    key: string,
    gateId: string,
    direction: "IN" | "OUT",
    today: string,
  ) => Promise<OfflineDecision>;
  /** A request failed for want of network: offline from now on, until the server answers. */
  lost: () => void;
};

let store: UseStore | undefined;
const db = () => (store ??= createStore("pravesh-scanner", "kept"));

async function fetchSnapshot(slug: string, cursor?: string): Promise<SnapshotAnswer> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  try {
    const since = cursor ? `&since=${encodeURIComponent(cursor)}` : "";
    const response = await send(`/api/scanner/snapshot?event=${encodeURIComponent(slug)}${since}`, {
      signal: abort.signal,
    });
    return (await response.json()) as SnapshotAnswer;
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

export function useOffline(slug: string | undefined, deviceId: string): Offline {
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
  const sending = useRef(false);

  const goOffline = (value: boolean) => {
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
    await remember(apply(current, await fetchSnapshot(slug, whole ? undefined : current?.cursor)));
  };

  const flush = async () => {
    if (sending.current || queue.current.length === 0) return;
    sending.current = true;
    try {
      const before = queue.current;
      const { kept, dropped } = tooOld(before, Date.now());
      const sent = await sendQueue(kept, deviceId, postBatch);
      // Only the scans answered (or too old to send) go: those made while the batch was on its
      // way stay queued.
      const gone = new Set(
        before.filter((scan) => !sent.waiting.includes(scan)).map((scan) => scan.key),
      );
      queue.current = queue.current.filter((scan) => !gone.has(scan.key));
      await keep("queue", queue.current, db());
      setWaiting(queue.current.length);
      if (sent.results.length > 0 || dropped > 0) {
        setLastSync({
          sent: sent.results.length,
          conflicts: sent.results.filter((r) => r.conflict).length,
          dropped,
          at: Date.now(),
        });
      }
      if (sent.error) throw sent.error;
    } finally {
      sending.current = false;
    }
  };

  // What the device kept: the snapshot, the queue, its own moves.
  useEffect(() => {
    if (!slug) return;
    let stopped = false;
    void (async () => {
      const kept = await load<Snapshot>(`snapshot:${slug}`, db());
      queue.current = (await load<QueuedScan[]>("queue", db())) ?? [];
      const savedOwn = await load<{ key: string; moves: OwnMoves }>("own", db());
      if (kept && savedOwn?.key === ownKey(kept)) own.current = savedOwn.moves;
      if (stopped) return;
      setWaiting(queue.current.length);
      if (kept) await remember(kept);
    })();
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
    const tick = async () => {
      try {
        await refresh(slug);
        if (queue.current.length > 0) {
          await flush(); // throws unless every scan was answered
          await refresh(slug); // the snapshot with this device's scans in it
        }
        if (queue.current.length === 0 && Object.keys(own.current).length > 0) await forget();
        if (offlineNow.current) goOffline(false);
      } catch {
        // No answer, or not every scan sent: offline (or still), and asked again soon.
        if (!stopped && !offlineNow.current) goOffline(true);
      }
      if (!stopped) timer = setTimeout(tick, offlineNow.current ? PROBE_MS : POLL_MS);
    };
    void tick();
    const online = () => {
      clearTimeout(timer);
      void tick();
    };
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

  const scan: Offline["scan"] = async (token, key, gateId, direction, today) => {
    const kept = snapshot.current;
    if (!kept) return { outcome: "INVALID" };
    const decision = await decide(token, direction, kept, keys.current, own.current, today);
    own.current = moved(own.current, decision);
    queue.current = [
      ...queue.current,
      {
        key,
        token,
        gateId,
        direction,
        scannedAt: new Date().toISOString(),
        offlineOutcome: decision.outcome,
      },
    ];
    setWaiting(queue.current.length);
    // Kept before the answer is shown: a reload, a crash, a flat battery lose none of it.
    await keep("queue", queue.current, db());
    await keep("own", { key: ownKey(kept), moves: own.current }, db());
    return decision;
  };

  return { offline, ready, waiting, lastSync, scan, lost: () => goOffline(true) };
}

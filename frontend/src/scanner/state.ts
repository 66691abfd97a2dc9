import type { Gate, ScanAnswer, ScanOutcome } from "../api";

// The scanner's whole state in one place, changed only by these actions (a pure reducer), so that
// offline scanning (issue 15) can add its own state and actions beside them.

export type Verdict = "green" | "red" | "amber";

export type Failure = {
  kind: "try-again" | "rate-limited" | "network" | "refused";
  retryAfter?: number;
  detail?: string;
  /** For "refused": the HTTP status (401: the volunteer's session ended). */
  status?: number;
};

export type Shown =
  | { verdict: Verdict; answer: ScanAnswer; at: number; replayed?: boolean }
  | { verdict: "amber"; failure: Failure; at: number };

/**
 * A scan on its way: its code (token or typed code), how it was read, its key, and whether the key
 * is an unanswered scan's (then an ADMITTED is that earlier scan's decision, replayed).
 */
export type Pending = {
  text: string;
  manual: boolean;
  key: string;
  retried?: boolean;
  /** The way it was sent (IN when not said): a retry goes the same way, with the same key. */
  direction?: "IN" | "OUT";
};

export type ScanEvent = { slug: string; timeZone: string };

export type ScanState = {
  event: ScanEvent | null;
  gate: Gate | null;
  pending: Pending | null;
  /**
   * Scans that got no answer (amber), by code: the same code scanned again on this device soon
   * after (UNANSWERED_MS) is sent with the same key, so the server decides that physical scan once
   * and a visitor it admitted is never turned away by the retry. Kept with the gate on the device.
   */
  unanswered: Record<string, { key: string; at: number }>;
  /** The scan the amber answer on screen is about (its "try again" button). */
  failed: Pending | null;
  shown: Shown | null;
  /** The codes the camera saw lately, and when: a code held in view is one scan, however long. */
  seen: Record<string, number>;
  today: { date: string; tickets: number; people: number };
};

export type ScanAction =
  | { type: "gate"; event: ScanEvent; gate: Gate | null }
  | {
      type: "scan";
      text: string;
      manual: boolean;
      key: string;
      retried?: boolean;
      direction?: "IN" | "OUT";
      at: number;
    }
  | { type: "seen"; text: string; at: number }
  | { type: "answer"; answer: ScanAnswer; at: number }
  | { type: "failure"; failure: Failure; at: number }
  | { type: "dismiss" }
  | { type: "day"; date: string };

/** A code out of the camera's view this long and seen again is a new scan. */
export const REPEAT_MS = 4000;
/**
 * Unanswered scans are remembered this long, at most this many: long enough for the volunteer to
 * scan the visitor in front of them again; short enough that the same code shown much later (a
 * copy of the ticket) is a new scan, decided afresh, and not the first scan's answer replayed.
 */
export const UNANSWERED_MS = 2 * 60 * 1000;
export const UNANSWERED_MAX = 200;

export type Saved = Partial<Pick<ScanState, "event" | "gate" | "today" | "unanswered">>;

export function initialState(saved: Saved, date: string, now = Date.now()): ScanState {
  const today = saved.today?.date === date ? saved.today : { date, tickets: 0, people: 0 };
  return {
    event: saved.event ?? null,
    gate: saved.gate ?? null,
    pending: null,
    unanswered: prune(saved.unanswered ?? {}, now),
    failed: null,
    shown: null,
    seen: {},
    today,
  };
}

/** What the device keeps across a reload. */
export function saved(state: ScanState): Saved {
  const { event, gate, today, unanswered } = state;
  return { event, gate, today, unanswered };
}

export function verdictOf(outcome: ScanOutcome): Verdict {
  switch (outcome) {
    case "ADMITTED":
    case "READMITTED":
    case "EXITED":
      return "green";
    default:
      return "red";
  }
}

/** Whether a code the camera (or the volunteer) gives should be sent now. */
export function accepts(state: ScanState, text: string, manual: boolean, now: number): boolean {
  if (!state.gate || state.pending || !text.trim()) return false;
  if (manual) return true;
  if (state.shown) return false; // the answer is on screen: the volunteer dismisses it first
  const last = state.seen[text];
  return !(last !== undefined && now - last < REPEAT_MS);
}

/**
 * Unanswered scans are kept per gate, direction and code (a key sent to another gate would be
 * refused; an exit is not the entry that got no answer).
 */
const scanId = (state: ScanState, text: string, direction: "IN" | "OUT" = "IN") =>
  `${state.gate?.id ?? ""} ${direction} ${text}`;

/**
 * The key for a scan of this code, and whether it is an unanswered scan's (sent again soon after,
 * at the same gate).
 */
export function keyFor(
  state: ScanState,
  text: string,
  fresh: () => string,
  now: number,
  direction: "IN" | "OUT" = "IN",
): { key: string; retried: boolean } {
  const kept = state.unanswered[scanId(state, text, direction)];
  return kept && now - kept.at < UNANSWERED_MS
    ? { key: kept.key, retried: true }
    : { key: fresh(), retried: false };
}

function sighted(seen: Record<string, number>, text: string, at: number): Record<string, number> {
  const recent = Object.entries(seen).filter(([, t]) => at - t < REPEAT_MS);
  return Object.fromEntries([...recent, [text, at]]);
}

function prune(unanswered: ScanState["unanswered"], now: number): ScanState["unanswered"] {
  const live = Object.entries(unanswered)
    .filter(([, v]) => v && typeof v.key === "string" && now - v.at < UNANSWERED_MS)
    .sort(([, a], [, b]) => b.at - a.at)
    .slice(0, UNANSWERED_MAX);
  return Object.fromEntries(live);
}

export function reduce(state: ScanState, action: ScanAction): ScanState {
  switch (action.type) {
    case "gate":
      return { ...state, event: action.event, gate: action.gate, shown: null, failed: null };
    case "scan":
      return {
        ...state,
        pending: {
          text: action.text,
          manual: action.manual,
          key: action.key,
          retried: action.retried,
          direction: action.direction,
        },
        shown: null,
        failed: null,
        seen: action.manual ? state.seen : sighted(state.seen, action.text, action.at),
      };
    case "seen":
      return { ...state, seen: sighted(state.seen, action.text, action.at) };
    case "answer": {
      const pending = state.pending;
      // The answer to a key sent before: that earlier scan's decision. The device counted nothing
      // then (no answer came), so it counts now, once.
      const replayed = !!pending?.retried && action.answer.outcome === "ADMITTED";
      const admitted =
        action.answer.outcome === "ADMITTED" || action.answer.outcome === "READMITTED";
      const people = action.answer.ticket?.partySize ?? 0;
      const unanswered = { ...state.unanswered };
      if (pending) delete unanswered[scanId(state, pending.text, pending.direction)];
      return {
        ...state,
        pending: null,
        unanswered,
        shown: {
          verdict: verdictOf(action.answer.outcome),
          answer: action.answer,
          at: action.at,
          replayed,
        },
        today: admitted
          ? {
              ...state.today,
              tickets: state.today.tickets + 1,
              people: state.today.people + people,
            }
          : state.today,
      };
    }
    case "failure": {
      const pending = state.pending;
      if (!pending) return state;
      const id = scanId(state, pending.text, pending.direction);
      // The window runs from the first unanswered try: retries do not stretch it.
      const first = state.unanswered[id]?.key === pending.key ? state.unanswered[id].at : action.at;
      return {
        ...state,
        pending: null,
        failed: pending,
        unanswered: prune(
          { ...state.unanswered, [id]: { key: pending.key, at: first } },
          action.at,
        ),
        shown: { verdict: "amber", failure: action.failure, at: action.at },
      };
    }
    case "dismiss":
      return { ...state, shown: null };
    case "day":
      return state.today.date === action.date
        ? state
        : { ...state, today: { date: action.date, tickets: 0, people: 0 } };
  }
}

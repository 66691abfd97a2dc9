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
  | { verdict: Verdict; answer: ScanAnswer; at: number }
  | { verdict: "amber"; failure: Failure; at: number };

/** A scan on its way: its code (token or typed code), how it was read, and its key. */
export type Pending = { text: string; manual: boolean; key: string };

export type ScanEvent = { slug: string; timeZone: string };

export type ScanState = {
  event: ScanEvent | null;
  gate: Gate | null;
  pending: Pending | null;
  /**
   * Scans that got no answer (amber), by code: the same code scanned again, whenever, on this
   * device, is sent with the same key, so the server decides that physical scan once and a visitor
   * it admitted is never turned away by the retry. Kept with the gate on the device.
   */
  unanswered: Record<string, { key: string; at: number }>;
  /** The scan the amber answer on screen is about (its "try again" button). */
  failed: Pending | null;
  shown: Shown | null;
  /** The code the camera saw last, and when: a code held in view is one scan, however long. */
  last: { text: string; at: number } | null;
  today: { date: string; tickets: number; people: number };
};

export type ScanAction =
  | { type: "gate"; event: ScanEvent; gate: Gate | null }
  | { type: "scan"; text: string; manual: boolean; key: string; at: number }
  | { type: "seen"; text: string; at: number }
  | { type: "answer"; answer: ScanAnswer; at: number }
  | { type: "failure"; failure: Failure; at: number }
  | { type: "dismiss" }
  | { type: "day"; date: string };

/** A code out of the camera's view this long and seen again is a new scan. */
export const REPEAT_MS = 4000;
/** Unanswered scans are remembered this long (the server keeps keys 24 hours), at most this many. */
export const UNANSWERED_MS = 6 * 60 * 60 * 1000;
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
    last: null,
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
  return !(state.last && state.last.text === text && now - state.last.at < REPEAT_MS);
}

/** The key for a scan of this code: the unanswered scan's, if this code went unanswered. */
export function keyFor(state: ScanState, text: string, fresh: () => string, now: number): string {
  const kept = state.unanswered[text];
  return kept && now - kept.at < UNANSWERED_MS ? kept.key : fresh();
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
        pending: { text: action.text, manual: action.manual, key: action.key },
        shown: null,
        failed: null,
        last: action.manual ? state.last : { text: action.text, at: action.at },
      };
    case "seen":
      return state.last?.text === action.text
        ? { ...state, last: { text: action.text, at: action.at } }
        : state;
    case "answer": {
      const admitted =
        action.answer.outcome === "ADMITTED" || action.answer.outcome === "READMITTED";
      const people = action.answer.ticket?.partySize ?? 0;
      const unanswered = { ...state.unanswered };
      if (state.pending) delete unanswered[state.pending.text];
      return {
        ...state,
        pending: null,
        unanswered,
        shown: { verdict: verdictOf(action.answer.outcome), answer: action.answer, at: action.at },
        today: admitted
          ? {
              ...state.today,
              tickets: state.today.tickets + 1,
              people: state.today.people + people,
            }
          : state.today,
      };
    }
    case "failure":
      return {
        ...state,
        pending: null,
        failed: state.pending,
        unanswered: state.pending
          ? prune(
              {
                ...state.unanswered,
                [state.pending.text]: { key: state.pending.key, at: action.at },
              },
              action.at,
            )
          : state.unanswered,
        shown: { verdict: "amber", failure: action.failure, at: action.at },
      };
    case "dismiss":
      return { ...state, shown: null };
    case "day":
      return state.today.date === action.date
        ? state
        : { ...state, today: { date: action.date, tickets: 0, people: 0 } };
  }
}

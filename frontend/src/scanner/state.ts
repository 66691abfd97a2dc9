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

/** A scan whose answer has not come: retried with the same key, so it is decided once. */
export type Pending = { text: string; manual: boolean; key: string };

export type ScanEvent = { slug: string; timeZone: string };

export type ScanState = {
  event: ScanEvent | null;
  gate: Gate | null;
  pending: Pending | null;
  /** The scan that went unanswered (amber): scanning the same code again reuses its key. */
  unanswered: Pending | null;
  shown: Shown | null;
  /** The last code decided, and when: the camera keeps seeing a code held in front of it. */
  last: { text: string; at: number } | null;
  today: { date: string; tickets: number; people: number };
};

export type ScanAction =
  | { type: "gate"; event: ScanEvent; gate: Gate | null }
  | { type: "scan"; text: string; manual: boolean; key: string; at: number }
  | { type: "answer"; answer: ScanAnswer; at: number }
  | { type: "failure"; failure: Failure; at: number }
  | { type: "dismiss" }
  | { type: "day"; date: string };

/** The camera ignores the code it has just decided for this long. */
export const REPEAT_MS = 4000;

export function initialState(
  saved: Partial<Pick<ScanState, "event" | "gate" | "today">>,
  date: string,
): ScanState {
  const today = saved.today?.date === date ? saved.today : { date, tickets: 0, people: 0 };
  return {
    event: saved.event ?? null,
    gate: saved.gate ?? null,
    pending: null,
    unanswered: null,
    shown: null,
    last: null,
    today,
  };
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

/** The key for a new scan of this code: the unanswered one's, if it is the same code again. */
export function keyFor(state: ScanState, text: string, fresh: () => string): string {
  return state.unanswered?.text === text ? state.unanswered.key : fresh();
}

export function reduce(state: ScanState, action: ScanAction): ScanState {
  switch (action.type) {
    case "gate":
      return { ...state, event: action.event, gate: action.gate, shown: null, unanswered: null };
    case "scan":
      return {
        ...state,
        pending: { text: action.text, manual: action.manual, key: action.key },
        shown: null,
      };
    case "answer": {
      const admitted =
        action.answer.outcome === "ADMITTED" || action.answer.outcome === "READMITTED";
      const people = action.answer.ticket?.partySize ?? 0;
      return {
        ...state,
        pending: null,
        unanswered: null,
        shown: { verdict: verdictOf(action.answer.outcome), answer: action.answer, at: action.at },
        last: state.pending ? { text: state.pending.text, at: action.at } : state.last,
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
        unanswered: state.pending,
        shown: { verdict: "amber", failure: action.failure, at: action.at },
        last: state.pending ? { text: state.pending.text, at: action.at } : state.last,
      };
    case "dismiss":
      return { ...state, shown: null };
    case "day":
      return state.today.date === action.date
        ? state
        : { ...state, today: { date: action.date, tickets: 0, people: 0 } };
  }
}

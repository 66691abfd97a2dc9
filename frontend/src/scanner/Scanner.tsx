import { useEffect, useReducer, useRef, useState, type FormEvent } from "react";
import { api, newKey, type Gate, type PublicEvent } from "../api";
import { useLanguage, useSession } from "../context";
import {
  ErrorMessage,
  asciiDigits,
  buttonClass,
  inputClass,
  secondaryButtonClass,
  EventSelect,
} from "../ui";
import { dateIn, timeIn } from "../dates";
import { Camera } from "./Camera";
import { deviceId, scan } from "./client";
import { useOffline } from "./useOffline";
import { signal } from "./feedback";
import {
  accepts,
  initialState,
  keyFor,
  reduce,
  type ScanAction,
  type ScanEvent,
  saved,
  type Saved,
  type ScanState,
  type Shown,
} from "./state";

const SAVED = "pravesh.scanner";
const DIRECTION = "pravesh.scanner.direction";
const MAX_TOKEN = 1000;

/**
 * The scanner's one store. Its state changes synchronously and is read through get(), so two quick
 * decodes see each other; React renders from it afterwards.
 */
function useScannerStore(): [ScanState, (action: ScanAction) => void, () => ScanState] {
  const store = useRef<ScanState | null>(null);
  if (store.current === null) {
    let kept: Saved = {};
    try {
      kept = JSON.parse(localStorage.getItem(SAVED) ?? "{}");
    } catch {
      kept = {};
    }
    store.current = initialState(kept, dateIn(kept.event?.timeZone ?? "Asia/Kolkata"));
  }
  const [, render] = useReducer((n: number) => n + 1, 0);
  const dispatch = (action: ScanAction) => {
    store.current = reduce(store.current!, action);
    if (action.type === "seen") return; // only the camera's clock moved: nothing to show or keep
    localStorage.setItem(SAVED, JSON.stringify(saved(store.current)));
    render();
  };
  return [store.current, dispatch, () => store.current!];
}

/** `event`: a slug from the address (#/scan/{slug}), a link an organiser gives the volunteers. */
export default function Scanner({ event: hint }: { event?: string }) {
  const { t } = useLanguage();
  const { refresh } = useSession();
  const [state, dispatch, get] = useScannerStore();
  const [choosing, setChoosing] = useState(
    state.gate === null || (!!hint && state.event?.slug !== hint),
  );
  const [code, setCode] = useState("");
  const device = useRef(deviceId(localStorage, newKey));
  const offline = useOffline(state.event?.slug, device.current, () => void refresh());
  const [direction, setDirection] = useState<"IN" | "OUT">(() =>
    localStorage.getItem(DIRECTION) === "OUT" ? "OUT" : "IN",
  );
  const way = useRef(direction);
  const turn = (next: "IN" | "OUT") => {
    way.current = next;
    setDirection(next);
    localStorage.setItem(DIRECTION, next);
  };

  // A new day in the event's zone starts a new count.
  useEffect(() => {
    const timer = setInterval(() => {
      const event = get().event;
      if (event) dispatch({ type: "day", date: dateIn(event.timeZone) });
    }, 30_000);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Green clears itself; red and amber stay until the volunteer taps.
  useEffect(() => {
    // A replayed decision stays too: the volunteer checks it is the same visitor.
    if (state.shown?.verdict !== "green" || ("replayed" in state.shown && state.shown.replayed))
      return;
    const timer = setTimeout(() => dispatch({ type: "dismiss" }), 2500);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.shown]);

  const submit = async (
    text: string,
    manual: boolean,
    retry = false,
    // Taken once: the request, a retry and an offline decision all go the way it was scanned.
    direction: "IN" | "OUT" = way.current,
  ) => {
    const now = Date.now();
    const gate = get().gate;
    if (!gate || !accepts(get(), text, manual || retry, now)) {
      // The code is still in front of the camera: the same scan, not a new one.
      if (!manual) dispatch({ type: "seen", text, at: now });
      return;
    }
    const { key, retried } = keyFor(get(), text, newKey, now, direction);
    dispatch({ type: "scan", text, manual, key, retried, direction, at: now });
    if (!manual && (!text.startsWith("TKT1.") || text.length > MAX_TOKEN)) {
      // Not a Pravesh ticket (a payment sticker, a link): no need to ask the server.
      dispatch({ type: "answer", answer: { outcome: "INVALID", ticket: null }, at: Date.now() });
      signal("red");
      return;
    }
    if (offline.offline) {
      await decideHere(text, manual, key, direction);
      return;
    }
    const result = await scan(
      manual
        ? { code: text, gateId: gate.id, deviceId: device.current, direction }
        : { token: text, gateId: gate.id, deviceId: device.current, direction },
      key,
    );
    if ("failure" in result && result.failure.kind === "network" && offline.ready) {
      // No answer: the network is gone. This scan is decided here, with its key (should the
      // server have decided it after all, the batch gets that decision back, not a second one).
      offline.lost();
      await decideHere(text, manual, key, direction);
      return;
    }
    if ("answer" in result) {
      // Remembered on the device until its snapshot shows it: should the network go next, this
      // device does not let the same ticket in again.
      if (result.answer.ticket)
        offline.answered(result.answer.ticket.id, result.answer.outcome, direction);
      dispatch({ type: "answer", answer: result.answer, at: Date.now() });
    } else {
      dispatch({ type: "failure", failure: result.failure, at: Date.now() });
      // The shift's session ended: sign in again (the gate stays chosen on this device).
      if (result.failure.status === 401) void refresh();
    }
    signal(get().shown?.verdict ?? "amber");
  };

  /** A scan decided on this device, from the event's snapshot: queued for the server. */
  const decideHere = async (
    text: string,
    manual: boolean,
    key: string,
    direction: "IN" | "OUT",
  ) => {
    const event = get().event;
    const gate = get().gate;
    if (manual || !offline.ready || !event || !gate) {
      // A typed code cannot be verified without the server (the snapshot has no tokens).
      const detail = manual ? t("scan.needsNetwork") : t("scan.offlineNoSnapshot");
      dispatch({ type: "failure", failure: { kind: "refused", detail }, at: Date.now() });
      signal("amber");
      return;
    }
    let decision;
    try {
      decision = await offline.scan(text, key, gate.id, direction);
    } catch {
      dispatch({
        type: "failure",
        failure: { kind: "refused", detail: t("scan.notKept") },
        at: Date.now(),
      });
      signal("amber");
      return;
    }
    if (!("outcome" in decision)) {
      // Not decidable here: amber, nothing queued (the server would decide it otherwise).
      const detail = t(
        decision.undecided === "stale-snapshot" ? "scan.staleSnapshot" : "scan.unknownKey",
      );
      dispatch({ type: "failure", failure: { kind: "refused", detail }, at: Date.now() });
      signal("amber");
      return;
    }
    const ticket = decision.ticket;
    dispatch({
      type: "answer",
      answer: {
        outcome: decision.outcome,
        ticket: ticket
          ? { id: ticket.tid, code: "", name: "", partySize: ticket.n, date: ticket.date }
          : null,
        offline: true,
      },
      at: Date.now(),
    });
    signal(get().shown?.verdict ?? "amber");
  };

  if (choosing || !state.gate || !state.event) {
    return (
      <GateChooser
        initial={hint ?? state.event?.slug}
        onChosen={(event, gate) => {
          dispatch({ type: "gate", event, gate });
          dispatch({ type: "day", date: dateIn(event.timeZone) });
          setChoosing(false);
        }}
      />
    );
  }

  const manualSubmit = (e: FormEvent) => {
    e.preventDefault();
    const text = asciiDigits(code).trim().toUpperCase();
    if (!text) return;
    setCode("");
    void submit(text, true);
  };

  return (
    <section aria-labelledby="scanner-title" data-offline-ready={offline.ready}>
      <div className="mt-2 flex items-center justify-between gap-2">
        <h1 id="scanner-title" className="text-lg font-bold">
          {t("scan.gate")}: {state.gate.name}
        </h1>
        <button
          type="button"
          onClick={() => setChoosing(true)}
          className={secondaryButtonClass + " mt-0 text-sm"}
        >
          {t("scan.changeGate")}
        </button>
      </div>
      <p className="mt-1 text-sm" data-testid="admitted-count">
        {t("scan.count", { n: state.today.tickets, p: state.today.people })}
      </p>
      {offline.offline ? (
        <p
          role="status"
          data-testid="offline-banner"
          className="mt-2 rounded bg-red-800 p-3 text-lg font-bold text-white"
        >
          {t(offline.ready ? "scan.offline" : "scan.offlineNoSnapshot", { n: offline.waiting })}
        </p>
      ) : (
        offline.waiting > 0 && (
          <p role="status" className="mt-2 rounded bg-amber-300 p-2 font-bold text-black">
            {t("scan.sendingQueue", { n: offline.waiting })}
          </p>
        )
      )}
      {offline.lastSync && !offline.offline && (
        <p role="status" data-testid="sync-result" className="mt-2 text-sm">
          {t("scan.synced", { n: offline.lastSync.sent, c: offline.lastSync.conflicts })}
          {offline.lastSync.dropped > 0 && " " + t("scan.dropped", { n: offline.lastSync.dropped })}
          {offline.lastSync.refused > 0 &&
            " " +
              t("scan.refused", {
                n: offline.lastSync.refused,
                reason: offline.lastSync.reason ?? "",
              })}
        </p>
      )}
      <div role="group" aria-label={t("scan.direction")} className="mt-2 flex gap-2">
        {(["IN", "OUT"] as const).map((d) => (
          <button
            key={d}
            type="button"
            aria-pressed={direction === d}
            onClick={() => turn(d)}
            className={
              (direction === d ? buttonClass : secondaryButtonClass) + " mt-0 flex-1 text-lg"
            }
          >
            {t(d === "IN" ? "scan.in" : "scan.out")}
          </button>
        ))}
      </div>
      <Camera onText={(text) => void submit(text, false)} />
      <form onSubmit={manualSubmit} className="mt-3 flex items-end gap-2">
        <label className="flex-1">
          <span className="block font-medium">{t("scan.manual")}</span>
          <input
            name="code"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={40}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            className={inputClass + " font-mono uppercase"}
          />
        </label>
        <button
          type="submit"
          disabled={!code.trim() || !!state.pending}
          className={buttonClass + " mt-0"}
        >
          {t("scan.check")}
        </button>
      </form>
      {state.pending && (
        <p role="status" className="mt-2">
          {t("scan.sending")}
        </p>
      )}
      {state.shown && (
        <Answer
          shown={state.shown}
          event={state.event}
          onDismiss={() => dispatch({ type: "dismiss" })}
          onRetry={
            state.failed
              ? () => {
                  const again = state.failed!;
                  dispatch({ type: "dismiss" });
                  void submit(again.text, again.manual, true, again.direction ?? "IN");
                }
              : undefined
          }
        />
      )}
    </section>
  );
}

const COLOURS = {
  green: "bg-green-700 text-white",
  red: "bg-red-700 text-white",
  amber: "bg-amber-400 text-black",
};

/** The answer, full screen: green, red, or amber for "try again" (nothing was decided). */
function Answer({
  shown,
  event,
  onDismiss,
  onRetry,
}: {
  shown: Shown;
  event: ScanEvent;
  onDismiss: () => void;
  onRetry?: () => void;
}) {
  const { t } = useLanguage();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), [shown]);
  useEffect(() => {
    const escape = (e: KeyboardEvent) => e.key === "Escape" && onDismiss();
    addEventListener("keydown", escape);
    return () => removeEventListener("keydown", escape);
  }, [onDismiss]);
  let title: string;
  let lines: string[] = [];
  if ("answer" in shown) {
    const { answer } = shown;
    title = t(`scan.outcome.${answer.outcome}` as const);
    if (answer.ticket) {
      lines = [
        answer.ticket.name,
        t("scan.party", { n: answer.ticket.partySize }),
        answer.ticket.code,
      ].filter((line) => line !== "");
      if (answer.outcome === "WRONG_DATE")
        lines.push(t("scan.ticketDate", { date: answer.ticket.date }));
    }
    if (shown.replayed && answer.firstAdmittedAt) {
      lines.push(
        t("scan.replayed", { time: timeIn(event.timeZone, new Date(answer.firstAdmittedAt)) }),
      );
    }
    if (answer.firstAdmittedAt && answer.outcome === "ALREADY_ADMITTED") {
      const time = timeIn(event.timeZone, new Date(answer.firstAdmittedAt));
      lines.push(t("scan.first", { time, gate: answer.firstGate ?? "" }));
    }
    if (answer.offline) lines.push(t("scan.decidedOffline"));
    if (answer.crowded) lines.push(t("scan.crowded"));
  } else {
    title = t("scan.tryAgain");
    const f = shown.failure;
    lines = [
      f.kind === "rate-limited"
        ? t("error.retryIn", { n: f.retryAfter ?? 5 })
        : f.kind === "network"
          ? t("error.network")
          : f.kind === "refused"
            ? (f.detail ?? "")
            : t("error.tryAgain"),
    ];
  }
  return (
    <div
      role="alert"
      data-verdict={shown.verdict}
      className={
        "fixed inset-0 z-50 flex flex-col items-center justify-center p-6 text-center " +
        COLOURS[shown.verdict]
      }
    >
      <p className="text-4xl font-extrabold" data-testid="verdict">
        {title}
      </p>
      {lines.map((line, i) => (
        <p key={i} className={i === 0 ? "mt-4 text-3xl font-bold" : "mt-2 text-2xl"}>
          {line}
        </p>
      ))}
      <div className="mt-8 flex gap-3">
        {onRetry && (
          <button
            type="button"
            onClick={onRetry}
            className="rounded border-2 border-current px-6 py-3 text-xl font-bold"
          >
            {t("scan.tryAgain")}
          </button>
        )}
        <button
          ref={button}
          type="button"
          onClick={onDismiss}
          className="rounded border-2 border-current px-6 py-3 text-xl font-bold"
        >
          {t("scan.tapToContinue")}
        </button>
      </div>
    </div>
  );
}

function GateChooser({
  initial,
  onChosen,
}: {
  initial?: string;
  onChosen: (event: ScanEvent, gate: Gate) => void;
}) {
  const { t } = useLanguage();
  const [events, setEvents] = useState<PublicEvent[] | null>(null);
  const [slug, setSlug] = useState(initial ?? "");
  // The gates with the event they belong to: never another event's list under this one's name.
  const [loaded, setLoaded] = useState<{ slug: string; gates: Gate[] } | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.events().then((list) => {
      setEvents(list);
      if (!list.some((e) => e.slug === slug) && list.length > 0) setSlug(list[0].slug);
    }, setError);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!slug) return;
    api.gates(slug).then((gates) => setLoaded({ slug, gates }), setError);
  }, [slug]);

  const event = events?.find((e) => e.slug === slug);
  const gates = loaded?.slug === slug ? loaded.gates : null;
  return (
    <section aria-labelledby="choose-gate">
      <h1 id="choose-gate" className="mt-4 text-xl font-bold">
        {t("scan.chooseGate")}
      </h1>
      <ErrorMessage t={t} error={error} />
      {events === null && !error && <p className="mt-2">{t("common.loading")}</p>}
      {events && (
        <EventSelect
          label={t("scan.event")}
          events={events}
          value={slug}
          onValue={setSlug}
          className="mt-3 block"
        />
      )}
      <ul className="mt-3 space-y-2">
        {event &&
          gates?.map((gate) => (
            <li key={gate.id}>
              <button
                type="button"
                onClick={() => onChosen({ slug: event.slug, timeZone: event.timeZone }, gate)}
                className={buttonClass + " mt-0 w-full"}
              >
                {gate.name}
              </button>
            </li>
          ))}
      </ul>
    </section>
  );
}

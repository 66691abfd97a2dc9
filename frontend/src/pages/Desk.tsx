import { useEffect, useState, type FormEvent } from "react";
import { ApiError, api, awaitTicket, type PublicEvent, type Registration } from "../api";
import { useLanguage } from "../context";
import { dateIn } from "../dates";
import {
  ErrorMessage,
  asciiDigits,
  buttonClass,
  inputClass,
  secondaryButtonClass,
  TextField,
  useFormKey,
  Field,
} from "../ui";

type Choice = { slotId: string; label: string };

/** Days a walk-in can still be registered for: today and later, in each event's own zone. */
export function walkInSlots(events: PublicEvent[], now = new Date()): Choice[] {
  return events.flatMap((event) => {
    const today = dateIn(event.timeZone, now);
    return event.slots
      .filter((slot) => slot.date >= today)
      .map((slot) => ({
        slotId: slot.id,
        label: `${event.name} · ${slot.date} · ${slot.startsAt}–${slot.endsAt}`,
      }));
  });
}

// The volunteer desk: a walk-in in one short form (its QR on screen, sent by SMS or WhatsApp if
// the visitor wants), and the help desk's "I lost my ticket": find it by phone or code, show or
// send it again.
export default function Desk() {
  const { t } = useLanguage();
  const [mode, setMode] = useState<"walk-in" | "find">("walk-in");
  const tab = (name: "walk-in" | "find", label: string) => (
    <button
      type="button"
      aria-pressed={mode === name}
      onClick={() => setMode(name)}
      className="rounded border border-slate-500 px-3 py-1 aria-pressed:bg-slate-800 aria-pressed:text-white"
    >
      {label}
    </button>
  );
  return (
    <>
      <div className="mt-3 flex gap-2">
        {tab("walk-in", t("desk.walkIn"))}
        {tab("find", t("desk.find"))}
      </div>
      {mode === "walk-in" ? <WalkIn /> : <Find />}
    </>
  );
}

function Find() {
  const { t } = useLanguage();
  // Which event each slot belongs to, so that the volunteer shows the right event's ticket.
  const [eventNames, setEventNames] = useState(new Map<string, string>());
  useEffect(() => {
    api.events().then(
      (events) => setEventNames(new Map(events.flatMap((e) => e.slots.map((s) => [s.id, e.name])))),
      () => undefined, // names are a help, not a need
    );
  }, []);
  const [q, setQ] = useState("");
  const [found, setFound] = useState<Registration[] | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const search = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSent(null);
    try {
      setFound(await api.lookup(asciiDigits(q.trim())));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const send = async (id: string, channel: "sms" | "whatsapp") => {
    setError(null);
    try {
      await api.resend(id, channel);
      setSent(id);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section aria-labelledby="find-title">
      <h1 id="find-title" className="mt-4 text-xl font-bold">
        {t("desk.find")}
      </h1>
      <form onSubmit={search} className="flex items-end gap-2">
        <label className="flex-1">
          <span className="mt-3 block font-medium">{t("desk.findLabel")}</span>
          <input
            name="q"
            required
            maxLength={40}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            className={inputClass}
          />
        </label>
        <button type="submit" disabled={busy || !q.trim()} className={buttonClass + " mt-0"}>
          {t("desk.search")}
        </button>
      </form>
      <ErrorMessage t={t} error={error} />
      {busy && <p role="status">{t("common.loading")}</p>}
      {found?.length === 0 && <p className="mt-3">{t("desk.noMatch")}</p>}
      <ul className="mt-3 space-y-3">
        {found?.map((r) => (
          <li key={r.id} className="rounded border border-slate-300 p-3">
            <p className="font-semibold">
              {r.name} · {t("scan.party", { n: r.partySize })}
            </p>
            <p className="text-sm">
              {eventNames.get(r.slot.id) && <>{eventNames.get(r.slot.id)} · </>}
              {r.slot.date} · {r.slot.startsAt}–{r.slot.endsAt} ·{" "}
              <span data-testid="found-phone">{r.phone}</span> · {t(`status.${r.status}` as const)}
              {r.ticket && (
                <>
                  {" "}
                  · <span className="font-mono">{r.ticket.code}</span>
                </>
              )}
            </p>
            {r.status === "TICKETED" && (
              <div className="flex flex-wrap gap-2">
                <button
                  type="button"
                  onClick={() => setShown(r.id)}
                  className={secondaryButtonClass}
                >
                  {t("desk.showQr")}
                </button>
                <button
                  type="button"
                  onClick={() => void send(r.id, "sms")}
                  className={secondaryButtonClass}
                >
                  {t("desk.sendSms")}
                </button>
                <button
                  type="button"
                  onClick={() => void send(r.id, "whatsapp")}
                  className={secondaryButtonClass}
                >
                  {t("desk.sendWhatsapp")}
                </button>
              </div>
            )}
            {sent === r.id && (
              <p role="status" className="mt-2 text-green-800">
                {t("desk.sent")}
              </p>
            )}
            {shown === r.id && <TicketQr registration={r} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function WalkIn() {
  const { t } = useLanguage();
  const [choices, setChoices] = useState<Choice[] | null>(null);
  const [slotId, setSlotId] = useState("");
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [partySize, setPartySize] = useState(1);
  const [deliver, setDeliver] = useState<"none" | "sms" | "whatsapp">("none");
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [made, setMade] = useState<Registration | "making" | null>(null);
  const [sent, setSent] = useState(false);
  const [already, setAlready] = useState(false);
  const formKey = useFormKey();

  useEffect(() => {
    api.events().then((events) => {
      const list = walkInSlots(events);
      setChoices(list);
      setSlotId((current) => current || list[0]?.slotId || "");
    }, setError);
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      slotId,
      name: name.trim(),
      phone: asciiDigits(phone.trim()),
      partySize,
      deliver,
      consent,
    };
    const key = formKey.keyFor(body);
    setBusy(true);
    setError(null);
    try {
      const accepted = await api.walkIn(body, key);
      setMade("making");
      setMade(await awaitTicket(accepted.registrationId));
    } catch (err) {
      if (
        err instanceof ApiError &&
        err.type === "already-registered" &&
        typeof err.body.registrationId === "string"
      ) {
        // The help desk's rescue: that visitor's existing ticket.
        const existing = await api.registration(err.body.registrationId).catch(() => null);
        setMade(existing);
        setAlready(existing !== null);
        if (!existing) setError(err);
      } else {
        setMade(null);
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  };

  const send = async (registration: Registration, channel: "sms" | "whatsapp") => {
    setError(null);
    setSent(false);
    try {
      await api.resend(registration.id, channel);
      setSent(true);
    } catch (err) {
      setError(err);
    }
  };

  const next = () => {
    setMade(null);
    setName("");
    setPhone("");
    setPartySize(1);
    setConsent(false);
    setSent(false);
    setAlready(false);
    setError(null);
    formKey.reset();
  };

  if (made === "making") {
    return (
      <p role="status" className="mt-4">
        {t("desk.making")}
      </p>
    );
  }
  if (made) {
    return (
      <section aria-labelledby="desk-ticket" className="mt-4 text-center">
        <h1 id="desk-ticket" className="text-xl font-bold">
          {made.status === "TICKETED" ? t("desk.ready") : t("desk.making")}
        </h1>
        {already && <p role="status">{t("register.already")}</p>}
        <p className="mt-2 text-lg">
          {made.name} · {t("scan.party", { n: made.partySize })} · {made.slot.date}
        </p>
        {made.ticket && (
          <>
            <TicketQr registration={made} />
            <p className="font-mono text-3xl font-bold tracking-widest" data-testid="ticket-code">
              {made.ticket.code}
            </p>
            <div className="flex flex-wrap justify-center gap-3">
              <button
                type="button"
                onClick={() => void send(made, "sms")}
                className={secondaryButtonClass}
              >
                {t("desk.sendSms")}
              </button>
              <button
                type="button"
                onClick={() => void send(made, "whatsapp")}
                className={secondaryButtonClass}
              >
                {t("desk.sendWhatsapp")}
              </button>
            </div>
          </>
        )}
        {sent && (
          <p role="status" className="mt-2 text-green-800">
            {t("desk.sent")}
          </p>
        )}
        <ErrorMessage t={t} error={error} />
        <button type="button" onClick={next} className={buttonClass}>
          {t("desk.next")}
        </button>
      </section>
    );
  }

  return (
    <form onSubmit={submit} aria-labelledby="desk-title">
      <h1 id="desk-title" className="mt-4 text-xl font-bold">
        {t("desk.title")}
      </h1>
      {choices === null && !error && <p className="mt-2">{t("common.loading")}</p>}
      {choices?.length === 0 && <p className="mt-2">{t("desk.noSlots")}</p>}
      {choices && choices.length > 0 && (
        <Field label={t("desk.slot")}>
          <select
            name="slot"
            value={slotId}
            onChange={(e) => setSlotId(e.target.value)}
            className={inputClass}
          >
            {choices.map((c) => (
              <option key={c.slotId} value={c.slotId}>
                {c.label}
              </option>
            ))}
          </select>
        </Field>
      )}
      <TextField
        label={t("desk.name")}
        name="name"
        required
        maxLength={100}
        value={name}
        onValue={setName}
      />
      <TextField
        label={t("desk.phone")}
        hint={t("signIn.phoneHint")}
        name="phone"
        type="tel"
        inputMode="tel"
        required
        value={phone}
        onValue={setPhone}
      />
      <TextField
        label={t("desk.partySize")}
        name="partySize"
        type="number"
        min={1}
        max={100}
        required
        value={partySize}
        onValue={(v) => setPartySize(Number(v))}
      />
      <fieldset className="mt-3">
        <legend className="font-medium">{t("desk.deliver")}</legend>
        {(["none", "sms", "whatsapp"] as const).map((d) => (
          <label key={d} className="mr-4 inline-flex items-center gap-2 py-1">
            <input
              type="radio"
              name="deliver"
              value={d}
              checked={deliver === d}
              onChange={() => setDeliver(d)}
            />
            {t(d === "none" ? "desk.none" : d === "sms" ? "signIn.sms" : "signIn.whatsapp")}
          </label>
        ))}
      </fieldset>
      <label className="mt-3 flex items-start gap-2">
        <input
          type="checkbox"
          name="consent"
          required
          checked={consent}
          onChange={(e) => setConsent(e.target.checked)}
          className="mt-1 h-5 w-5"
        />
        <span>{t("desk.consent")}</span>
      </label>
      <ErrorMessage t={t} error={error} />
      <button type="submit" disabled={busy || !slotId || !consent} className={buttonClass}>
        {t("desk.submit")}
      </button>
    </form>
  );
}

/** A ticket's QR, from the server (the volunteer's session cookie authorises it). */
function TicketQr({ registration }: { registration: Registration }) {
  const { t } = useLanguage();
  return (
    <img
      src={`/api/registrations/${registration.id}/ticket.png`}
      alt={t("tickets.qrAlt", { name: registration.name, date: registration.slot.date })}
      className="mx-auto my-3 aspect-square w-full max-w-sm [image-rendering:pixelated]"
    />
  );
}

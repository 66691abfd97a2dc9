import { useEffect, useState, type FormEvent } from "react";
import { ApiError, api, awaitTicket, ticketImage, type PublicEvent } from "../api";
import { useLanguage, useSession } from "../context";
import { saveTicket } from "../tickets";
import { ErrorMessage, TextField, buttonClass, useFormKey } from "../ui";
import { SignIn } from "./SignIn";

type Step =
  | { name: "details" }
  | { name: "making" }
  | { name: "done" }
  | { name: "pending" }
  | { name: "already" };

// Phone → OTP (when not signed in yet) → details → consent → done, the ticket kept on the device.
export function Register({ slug, slotId }: { slug: string; slotId: string }) {
  const { t, language } = useLanguage();
  const { me } = useSession();
  const [event, setEvent] = useState<PublicEvent | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [step, setStep] = useState<Step>({ name: "details" });
  const [name, setName] = useState("");
  const [partySize, setPartySize] = useState(1);
  const [email, setEmail] = useState("");
  const [consent, setConsent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const formKey = useFormKey();

  useEffect(() => {
    api.event(slug).then(setEvent, setLoadError);
  }, [slug]);

  const slot = event?.slots.find((s) => s.id === slotId);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      slotId,
      name: name.trim(),
      partySize,
      ...(email.trim() ? { email: email.trim() } : {}),
      consent,
    };
    const key = formKey.keyFor(body);
    setBusy(true);
    setError(null);
    try {
      const accepted = await api.register(body, key);
      setStep({ name: "making" });
      const registration = await awaitTicket(accepted.registrationId);
      if (registration.status === "TICKETED") {
        const image = await ticketImage(registration.id);
        saveTicket(localStorage, me!.id, registration, image, event?.name ?? "", new Date());
        setStep({ name: "done" });
      } else {
        setStep({ name: "pending" });
      }
    } catch (err) {
      if (err instanceof ApiError && err.type === "already-registered") {
        setStep({ name: "already" });
      } else {
        setError(err);
        setStep({ name: "details" });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1 className="mt-4 text-xl font-bold">{t("register.title")}</h1>
      <ErrorMessage t={t} error={loadError} />
      {event && (
        <p className="mt-1">
          <strong>{event.name}</strong>
          {slot && (
            <>
              {" "}
              · {slot.date} · {slot.startsAt}–{slot.endsAt}
            </>
          )}
        </p>
      )}
      {event && !slot && <p role="alert">{t("register.slotGone")}</p>}
      {me === null && <SignIn />}
      {me === undefined && <p className="mt-2">{t("common.loading")}</p>}
      {me && slot && step.name === "details" && (
        <form onSubmit={submit} className="mt-2">
          <TextField
            label={t("register.name")}
            name="name"
            autoComplete="name"
            required
            maxLength={100}
            value={name}
            onValue={setName}
          />
          <TextField
            label={t("register.partySize")}
            name="partySize"
            type="number"
            min={1}
            max={10}
            required
            value={partySize}
            onValue={(v) => setPartySize(Number(v))}
          />
          <TextField
            label={t("register.email")}
            name="email"
            type="email"
            autoComplete="email"
            value={email}
            onValue={setEmail}
          />
          <label className="mt-4 flex items-start gap-2">
            <input
              type="checkbox"
              name="consent"
              required
              checked={consent}
              onChange={(e) => setConsent(e.target.checked)}
              className="mt-1 h-5 w-5"
            />
            <span>{t("register.consent")}</span>
          </label>
          <a
            href={`/privacy?lang=${language}`}
            target="_blank"
            rel="noopener"
            className="mt-1 inline-block text-blue-800 underline"
          >
            {t("register.privacy")}
          </a>
          <ErrorMessage t={t} error={error} />
          <div>
            <button
              type="submit"
              disabled={busy || !consent || !name.trim()}
              className={buttonClass}
            >
              {t("register.submit")}
            </button>
          </div>
        </form>
      )}
      {step.name === "making" && (
        <p role="status" className="mt-4">
          {t("register.making")}
        </p>
      )}
      {step.name !== "details" && step.name !== "making" && (
        <div role="status" className="mt-4">
          <p>
            {t(
              step.name === "done"
                ? "register.done"
                : step.name === "already"
                  ? "register.already"
                  : "register.pendingLong",
            )}
          </p>
          <a href="#/tickets" className={buttonClass}>
            {t("register.seeTickets")}
          </a>
        </div>
      )}
    </>
  );
}

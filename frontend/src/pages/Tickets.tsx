import { useEffect, useState } from "react";
import { ApiError, api, ticketImage, type Registration } from "../api";
import { useLanguage, useSession } from "../context";
import { loadTickets, mergeTickets, storeTickets, type SavedTicket } from "../tickets";
import { dateIn } from "../dates";
import { ErrorMessage, buttonClass, secondaryButtonClass } from "../ui";

/** The device's own date: kept tickets go two days after theirs. */
const today = () => dateIn(Intl.DateTimeFormat().resolvedOptions().timeZone);
import { SignIn } from "./SignIn";

// My tickets: what the device keeps is shown at once (the gate may have no network); when signed
// in and online, the server's list replaces it (new tickets in, cancelled ones out).
export function Tickets() {
  const { t } = useLanguage();
  const { me, offline: sessionOffline } = useSession();
  const [saved, setSaved] = useState<SavedTicket[]>(() => {
    const kept = loadTickets(localStorage, today());
    storeTickets(localStorage, kept); // past ones go for good
    return kept;
  });
  const [pending, setPending] = useState<Registration[]>([]);
  const [offline, setOffline] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!me) return;
    let stop = false;
    setLoading(true);
    (async () => {
      try {
        const [registrations, events] = await Promise.all([
          api.myRegistrations(),
          api.events().catch(() => []),
        ]);
        const known = new Set(loadTickets(localStorage, today()).map((s) => s.registrationId));
        const images = new Map<string, string>();
        for (const r of registrations) {
          if (r.status === "TICKETED" && !known.has(r.id))
            images.set(r.id, await ticketImage(r.id));
        }
        const names = new Map(events.flatMap((e) => e.slots.map((s) => [s.id, e.name] as const)));
        const merged = mergeTickets(
          loadTickets(localStorage, today()),
          me.id,
          registrations,
          images,
          names,
          new Date(),
        );
        if (stop) return;
        storeTickets(localStorage, merged);
        setSaved(merged);
        setPending(registrations.filter((r) => r.status === "PENDING"));
        setOffline(false);
      } catch (e) {
        if (stop) return;
        if (e instanceof ApiError) setError(e);
        else setOffline(true);
      } finally {
        if (!stop) setLoading(false);
      }
    })();
    return () => {
      stop = true;
    };
  }, [me]);

  // Signed in: that person's tickets only (a shared phone keeps others'); nobody signed in (the
  // session ran out at the gate, or offline): every ticket kept on this device.
  const shown = me ? saved.filter((s) => s.owner === me.id) : saved;
  const [confirming, setConfirming] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);

  const [cancelling, setCancelling] = useState(false);

  const cancel = async (id: string) => {
    setError(null);
    setCancelling(true);
    try {
      await api.cancel(id);
      setConfirming(null);
      setCancelled(true);
      remove(id);
    } catch (e) {
      setError(e);
    } finally {
      setCancelling(false);
    }
  };

  const remove = (id: string) => {
    // From what the device holds now (a load may have finished meanwhile), not this render's copy.
    const rest = loadTickets(localStorage, today()).filter((s) => s.registrationId !== id);
    storeTickets(localStorage, rest);
    setSaved(rest);
  };

  return (
    <>
      <h1 className="mt-4 text-xl font-bold">{t("tickets.title")}</h1>
      {(offline || sessionOffline) && (
        <p role="status" className="mt-2 rounded bg-amber-100 p-2 text-amber-900">
          {t("tickets.offline")}
        </p>
      )}
      <ErrorMessage t={t} error={error} />
      {cancelled && (
        <p role="status" className="mt-2 text-green-800">
          {t("tickets.cancelled")}
        </p>
      )}
      {loading && (
        <p role="status" className="mt-2 text-sm">
          {t("common.loading")}
        </p>
      )}
      {pending.length > 0 && (
        <p role="status" className="mt-2">
          {t("tickets.pending")}
        </p>
      )}
      {shown.length === 0 && me !== undefined && <p className="mt-2">{t("tickets.none")}</p>}
      {shown.map((ticket) => (
        <article
          key={ticket.registrationId}
          className="mt-4 rounded border-2 border-slate-800 p-3 text-center"
          aria-label={ticket.code}
        >
          {ticket.eventName && <h2 className="text-lg font-semibold">{ticket.eventName}</h2>}
          <p className="text-lg">
            {ticket.date} · {ticket.startsAt}–{ticket.endsAt}
          </p>
          <p>
            {ticket.name} ·{" "}
            {ticket.partySize === 1
              ? t("tickets.partyOne")
              : t("tickets.party", { n: ticket.partySize })}
          </p>
          <img
            src={ticket.image}
            alt={t("tickets.qrAlt", { name: ticket.name, date: ticket.date })}
            className="mx-auto my-3 aspect-square w-full max-w-[min(90vw,28rem)] bg-white [image-rendering:pixelated]"
          />
          <p className="text-sm">{t("tickets.code")}</p>
          <p className="font-mono text-3xl font-bold tracking-widest" data-testid="ticket-code">
            {ticket.code}
          </p>
          <p className="mt-2 text-sm text-slate-700">
            {t("tickets.show")} {t("tickets.saved")}
          </p>
          <div className="flex flex-wrap justify-center gap-2">
            <button
              type="button"
              onClick={() => remove(ticket.registrationId)}
              className={secondaryButtonClass + " text-sm"}
            >
              {t("tickets.remove")}
            </button>
            {me &&
              me.id === ticket.owner &&
              ticket.date >= dateIn("Asia/Kolkata") &&
              confirming !== ticket.registrationId && (
                <button
                  type="button"
                  onClick={() => setConfirming(ticket.registrationId)}
                  className={secondaryButtonClass + " text-sm"}
                >
                  {t("tickets.cancel")}
                </button>
              )}
          </div>
          {confirming === ticket.registrationId && (
            <div
              role="alertdialog"
              aria-label={t("tickets.cancel")}
              className="mt-3 rounded bg-red-50 p-3"
            >
              <p>{t("tickets.cancelConfirm", { date: ticket.date })}</p>
              <div className="flex justify-center gap-2">
                <button
                  type="button"
                  disabled={cancelling}
                  onClick={() => void cancel(ticket.registrationId)}
                  className={buttonClass + " bg-red-700 hover:bg-red-800"}
                >
                  {t("tickets.cancelYes")}
                </button>
                <button
                  type="button"
                  onClick={() => setConfirming(null)}
                  className={secondaryButtonClass}
                >
                  {t("tickets.keep")}
                </button>
              </div>
            </div>
          )}
        </article>
      ))}
      {me === null && !sessionOffline && (
        <>
          <p className="mt-4">{t("tickets.signInToRefresh")}</p>
          <SignIn />
        </>
      )}
    </>
  );
}

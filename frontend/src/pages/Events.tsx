import { useEffect, useState } from "react";
import { api, type PublicEvent } from "../api";
import { useLanguage } from "../context";
import { dateIn, timeIn } from "../dates";
import { ErrorMessage } from "../ui";

// The visitor's first page: open events and their days with the seats left.
export function Events() {
  const { t } = useLanguage();
  const [list, setList] = useState<PublicEvent[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.events().then(setList, setError);
  }, []);

  return (
    <>
      <h1 className="mt-4 text-xl font-bold">{t("events.title")}</h1>
      <ErrorMessage t={t} error={error} />
      {!error && list === null && <p className="mt-2">{t("events.loading")}</p>}
      {list !== null && list.length === 0 && <p className="mt-2">{t("events.none")}</p>}
      {list?.map((event) => {
        // Slots already over in the event's zone are not offered (the server refuses them).
        const today = dateIn(event.timeZone);
        const now = timeIn(event.timeZone, new Date());
        const slots = event.slots.filter(
          (slot) => slot.date > today || (slot.date === today && slot.endsAt > now),
        );
        return (
          <section
            key={event.id}
            data-event={event.slug}
            className="mt-4 rounded border border-slate-300 p-3"
          >
            <h2 className="text-lg font-semibold">{event.name}</h2>
            <p className="text-sm text-slate-700">{event.venue}</p>
            {!event.registrationOpen && <p className="text-sm">{t("events.closed")}</p>}
            <ul className="mt-2 space-y-2">
              {slots.map((slot) => {
                const open = event.registrationOpen && slot.remaining > 0;
                return (
                  <li key={slot.id} className="flex items-center justify-between gap-2">
                    <span>
                      {slot.date} · {slot.startsAt}–{slot.endsAt}
                      <span
                        className={
                          "block text-sm " +
                          (slot.remaining > 0 ? "text-green-800" : "text-red-700")
                        }
                      >
                        {slot.remaining > 0
                          ? t("slot.seatsLeft", { n: slot.remaining })
                          : t("slot.full")}
                      </span>
                    </span>
                    {open && (
                      <a
                        href={`#/register/${encodeURIComponent(event.slug)}/${slot.id}`}
                        aria-label={t("slot.registerFor", {
                          date: slot.date,
                          from: slot.startsAt,
                          to: slot.endsAt,
                        })}
                        className="whitespace-nowrap rounded bg-blue-700 px-3 py-2 font-semibold text-white hover:bg-blue-800 focus:outline-none focus:ring-2 focus:ring-blue-400"
                      >
                        {t("slot.register")}
                      </a>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </>
  );
}

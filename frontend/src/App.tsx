import { useEffect, useState } from "react";
import { ApiError, events, type PublicEvent } from "./api";
import {
  initialLanguage,
  rememberLanguage,
  translate,
  type Language,
  type MessageKey,
} from "./i18n";

// The visitor's first page: open events and their days with the seats left. The registration
// steps, my tickets, the scanner, the desk and the dashboard follow (issue 12).
export function App() {
  const [language, setLanguage] = useState<Language>(() =>
    initialLanguage(localStorage, navigator.language),
  );
  const [list, setList] = useState<PublicEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const t = (key: MessageKey, values?: Record<string, string | number>) =>
    translate(language, key, values);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  useEffect(() => {
    events()
      .then(setList)
      .catch((e: unknown) =>
        setError(
          e instanceof ApiError && e.retryAfterSeconds
            ? translate(language, "error.retryIn", { n: e.retryAfterSeconds })
            : translate(language, "error.generic", { detail: String((e as Error).message) }),
        ),
      );
  }, [language]);

  const switchLanguage = () => {
    const next = language === "en" ? "hi" : "en";
    rememberLanguage(next, localStorage);
    setLanguage(next);
  };

  return (
    <main className="mx-auto max-w-xl p-4 text-slate-900">
      <header className="flex items-center justify-between">
        <h1 className="text-2xl font-bold">{t("app.title")}</h1>
        <button
          type="button"
          onClick={switchLanguage}
          className="rounded border border-slate-400 px-3 py-1"
          lang={language === "en" ? "hi" : "en"}
        >
          {t("language.switch")}
        </button>
      </header>
      <h2 className="mt-4 text-lg font-semibold">{t("events.title")}</h2>
      {error && (
        <p role="alert" className="mt-2 text-red-700">
          {error}
        </p>
      )}
      {!error && list === null && <p className="mt-2">{t("events.loading")}</p>}
      {list !== null && list.length === 0 && <p className="mt-2">{t("events.none")}</p>}
      {list?.map((event) => (
        <section key={event.id} className="mt-4 rounded border border-slate-300 p-3">
          <h3 className="font-semibold">{event.name}</h3>
          <p className="text-sm text-slate-600">{event.venue}</p>
          {!event.registrationOpen && <p className="text-sm">{t("events.closed")}</p>}
          <ul className="mt-2 space-y-1">
            {event.slots.map((slot) => (
              <li key={slot.id} className="flex justify-between">
                <span>
                  {slot.date} · {slot.startsAt}–{slot.endsAt}
                </span>
                <span className={slot.remaining > 0 ? "text-green-800" : "text-red-700"}>
                  {slot.remaining > 0 ? t("slot.seatsLeft", { n: slot.remaining }) : t("slot.full")}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}

import { useEffect, useState } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { api, type EntryConflict, type Occupancy, type AdminEvent, type Stats } from "../api";
import { useLanguage, useSession } from "../context";
import { dateIn, timeIn } from "../dates";
import { ErrorMessage, EventSelect } from "../ui";
import { follow, type Connection } from "./stream";

/** The event to show first: the one on today (in its zone), else the next, else the first. */
export function defaultEvent(events: AdminEvent[], now = new Date()): AdminEvent | undefined {
  const current = events.filter((e) => e.endsOn >= dateIn(e.timeZone, now));
  return (
    current.find((e) => e.startsOn <= dateIn(e.timeZone, now)) ??
    [...current].sort((a, b) => a.startsOn.localeCompare(b.startsOn))[0] ??
    events[0]
  );
}

// Live numbers for admins: registrations by channel and date, tickets, entries by gate and hour.
export default function Dashboard({ initial }: { initial?: string }) {
  const { t } = useLanguage();
  const { refresh } = useSession();
  const [events, setEvents] = useState<AdminEvent[] | null>(null);
  const [slug, setSlug] = useState("");
  const [stats, setStats] = useState<Stats | null>(null);
  const [occupancy, setOccupancy] = useState<Occupancy | null>(null);
  const [conflicts, setConflicts] = useState<EntryConflict[]>([]);
  const [updated, setUpdated] = useState<Date | null>(null);
  const [connection, setConnection] = useState<Connection>("connecting");
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.adminEvents().then((list) => {
      setEvents(list);
      setSlug(list.some((e) => e.slug === initial) ? initial! : (defaultEvent(list)?.slug ?? ""));
    }, setError);
  }, []);

  useEffect(() => {
    if (!slug) return;
    setStats(null);
    setOccupancy(null);
    setConflicts([]);
    // Conflicts come with offline scans sent late: asked again whenever the numbers move (at most
    // every few seconds, the last move always followed by one more ask), and every 30 s.
    let active = true;
    let asked = 0;
    let asks = 0;
    let trailing: ReturnType<typeof setTimeout> | undefined;
    const askConflicts = () => {
      const wait = asked + 3000 - Date.now();
      if (wait > 0) {
        trailing ??= setTimeout(() => {
          trailing = undefined;
          askConflicts();
        }, wait);
        return;
      }
      asked = Date.now();
      const ask = ++asks;
      // Only the newest ask's answer is shown (answers can come back out of order).
      api.conflicts(slug).then(
        (list) => active && ask === asks && setConflicts(list),
        () => undefined,
      );
    };
    askConflicts();
    const poll = setInterval(askConflicts, 30_000);
    const stop = follow(
      slug,
      (s, at) => {
        setStats(s);
        setUpdated(at);
        askConflicts();
      },
      setConnection,
      undefined,
      undefined,
      // A session that ended turns the page into the sign-in form (the Staff wrapper).
      () => void refresh(),
      (o) => {
        setOccupancy(o);
        askConflicts();
      },
    );
    return () => {
      active = false;
      clearTimeout(trailing);
      clearInterval(poll);
      stop();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [slug]);

  const event = events?.find((e) => e.slug === slug);
  const time = (d: Date) => timeIn(event?.timeZone ?? "Asia/Kolkata", d, true);

  return (
    <section aria-labelledby="dash-title">
      <div className="mt-4 flex flex-wrap items-end justify-between gap-3">
        <h1 id="dash-title" className="text-xl font-bold">
          {t("dash.title")}
        </h1>
        <p
          role="status"
          data-connection={connection}
          className={
            "rounded px-2 py-1 text-sm font-semibold " +
            (connection === "live" ? "bg-green-100 text-green-900" : "bg-amber-100 text-amber-900")
          }
        >
          {connection === "live"
            ? t("dash.live")
            : connection === "reconnecting"
              ? t("dash.reconnecting")
              : t("dash.connecting")}
          {updated && <> · {t("dash.lastUpdate", { time: time(updated) })}</>}
        </p>
      </div>
      <ErrorMessage t={t} error={error} />
      {events?.length === 0 && <p>{t("dash.noEvents")}</p>}
      {events && (
        <EventSelect
          label={t("dash.event")}
          events={events}
          value={slug}
          onValue={(value) => {
            setSlug(value);
            history.replaceState(null, "", `#/dashboard/${encodeURIComponent(value)}`);
          }}
          className="mt-2 block max-w-md"
        />
      )}
      {stats && (
        <>
          <dl className="mt-4 grid grid-cols-2 gap-3 md:grid-cols-5">
            <Figure
              label={t("dash.registrations")}
              value={stats.registrations.total}
              note={t("dash.people", { n: stats.registrations.people })}
              id="registrations"
            />
            <Figure label={t("dash.ticketsPending")} value={stats.tickets.pending} id="pending" />
            <Figure label={t("dash.ticketsIssued")} value={stats.tickets.issued} id="issued" />
            <Figure
              label={t("dash.entries")}
              value={stats.entries.total}
              note={t("dash.people", { n: stats.entries.people })}
              id="entries"
            />
            <Figure
              label={t("dash.inside")}
              value={occupancy?.inside ?? "—"}
              note={
                occupancy?.maxInside
                  ? t("dash.ofMax", { n: occupancy.maxInside })
                  : t("dash.noLimit")
              }
              id="inside"
            />
          </dl>
          <div className="mt-4 grid gap-4 md:grid-cols-2">
            <Chart
              title={t("dash.byChannel")}
              data={(["WEB", "WHATSAPP", "VOLUNTEER"] as const).map((c) => ({
                label: t(`dash.channel.${c}`),
                value: stats.registrations.byChannel[c] ?? 0,
              }))}
            />
            <Chart
              title={t("dash.byDate")}
              data={stats.registrations.byDate.map((d) => ({
                label: d.date.substring(5),
                value: d.count,
              }))}
            />
            <Chart
              title={t("dash.byGate")}
              data={stats.entries.byGate.map((g) => ({ label: g.name, value: g.count }))}
            />
            <Chart title={t("dash.byHour")} data={hours(stats.entries.byHour)} />
          </div>
          <section aria-labelledby="conflicts-title" className="mt-4" data-testid="conflicts">
            <h2 id="conflicts-title" className="text-lg font-bold">
              {t("dash.conflicts", { n: conflicts.length })}
            </h2>
            {conflicts.length === 0 ? (
              <p className="text-sm">{t("dash.noConflicts")}</p>
            ) : (
              <table className="mt-2 w-full text-left text-sm">
                <thead>
                  <tr>
                    <th>{t("dash.conflictTicket")}</th>
                    <th>{t("dash.conflictFirst")}</th>
                    <th>{t("dash.conflictSecond")}</th>
                  </tr>
                </thead>
                <tbody>
                  {conflicts.map((c) => (
                    <tr key={c.ticket.id + c.second.at} className="border-t border-slate-200">
                      <td>
                        {c.ticket.code} · {c.ticket.name} ·{" "}
                        {t("dash.people", { n: c.ticket.partySize })}
                      </td>
                      {[c.first, c.second].map((side, k) =>
                        k === 0 && c.kind === "REVOKED" ? (
                          <td key={k}>{t("dash.revokedAt", { time: time(new Date(side.at)) })}</td>
                        ) : (
                          <td key={k}>
                            {time(new Date(side.at))} · {side.gate} · {side.device ?? "—"} ·{" "}
                            {side.volunteer}
                          </td>
                        ),
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          {event && (
            <p className="mt-4 text-sm">
              {t("dash.exports")}:{" "}
              {["registrations.csv", "registrations.xlsx", "entries.csv"].map((file) => (
                <a
                  key={file}
                  href={`/api/admin/exports/${file}?event=${encodeURIComponent(event.slug)}`}
                  className="mr-3 text-blue-800 underline"
                >
                  {file}
                </a>
              ))}
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** Hours as the event's clock shows them (the server gives them in its zone); the date too when
 * the entries span several days. */
export function hours(byHour: Stats["entries"]["byHour"]): { label: string; value: number }[] {
  const days = new Set(byHour.map((h) => h.hour.substring(0, 10)));
  return byHour.map((h) => ({
    label:
      days.size > 1
        ? `${h.hour.substring(5, 10)} ${h.hour.substring(11, 16)}`
        : h.hour.substring(11, 16),
    value: h.count,
  }));
}

function Figure({
  label,
  value,
  note,
  id,
}: {
  label: string;
  value: number | string;
  note?: string;
  id: string;
}) {
  return (
    <div className="rounded border border-slate-300 p-3">
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="text-3xl font-bold" data-testid={`figure-${id}`}>
        {value}
      </dd>
      {note && <dd className="text-sm text-slate-700">{note}</dd>}
    </div>
  );
}

function Chart({ title, data }: { title: string; data: { label: string; value: number }[] }) {
  return (
    <figure className="rounded border border-slate-300 p-3">
      <figcaption className="font-semibold">{title}</figcaption>
      {/* The numbers as a table for screen readers; the chart is the same data drawn. */}
      <table className="sr-only">
        <tbody>
          {data.map((d) => (
            <tr key={d.label}>
              <th scope="row">{d.label}</th>
              <td>{d.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div aria-hidden="true" className="h-48">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            accessibilityLayer={false}
            data={data}
            margin={{ top: 8, right: 8, left: -16, bottom: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Bar dataKey="value" fill="#1d4ed8" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

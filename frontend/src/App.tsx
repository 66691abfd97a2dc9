import { Component, Suspense, lazy, useEffect, useState, type ReactNode } from "react";
import {
  LanguageProvider,
  SessionProvider,
  isAdmin,
  isStaff,
  useLanguage,
  useRoute,
  useSession,
} from "./context";
import { Events } from "./pages/Events";
import { Register } from "./pages/Register";
import { SignIn } from "./pages/SignIn";
import { Tickets } from "./pages/Tickets";
import { buttonClass } from "./ui";

// Staff pages load on demand: the visitor's first page stays small (the camera decoder and the
// charts are most of the code).
const Scanner = lazy(() => import("./scanner/Scanner"));
const Desk = lazy(() => import("./pages/Desk"));
const Dashboard = lazy(() => import("./dashboard/Dashboard"));

export function App() {
  return (
    <LanguageProvider>
      <SessionProvider>
        <Shell />
      </SessionProvider>
    </LanguageProvider>
  );
}

function Shell() {
  const { t, toggle, language } = useLanguage();
  const { me, signOut } = useSession();
  const [signOutError, setSignOutError] = useState<unknown>(null);
  const route = useRoute();
  const page = route[0] ?? "";
  useEffect(() => setSignOutError(null), [page]);
  const wide = page === "dashboard";

  const link = (href: string, label: string, name: string) => (
    <a
      href={href}
      aria-current={page === name ? "page" : undefined}
      className="rounded px-2 py-1 underline-offset-4 hover:underline focus:outline-none focus:ring-2 focus:ring-blue-600 aria-[current=page]:font-bold aria-[current=page]:underline"
    >
      {label}
    </a>
  );

  return (
    <div className={"mx-auto p-3 text-slate-900 " + (wide ? "max-w-6xl" : "max-w-xl")}>
      <header className="flex flex-wrap items-center justify-between gap-2">
        <a href="#/" className="text-2xl font-bold">
          {t("app.title")}
        </a>
        <button
          type="button"
          onClick={toggle}
          className="rounded border border-slate-500 px-3 py-1"
          lang={language === "en" ? "hi" : "en"}
        >
          {t("language.switch")}
        </button>
        <nav aria-label={t("nav.main")} className="flex w-full flex-wrap gap-x-2 text-sm">
          {link("#/", t("nav.events"), "")}
          {link("#/tickets", t("nav.tickets"), "tickets")}
          {isStaff(me) && link("#/scan", t("nav.scan"), "scan")}
          {isStaff(me) && link("#/desk", t("nav.desk"), "desk")}
          {isAdmin(me) && link("#/dashboard", t("nav.dashboard"), "dashboard")}
          {me ? (
            <button
              type="button"
              onClick={() => signOut().then(() => setSignOutError(null), setSignOutError)}
              className="ml-auto rounded px-2 py-1 hover:underline focus:outline-none focus:ring-2 focus:ring-blue-600"
            >
              {t("nav.signOut")}
            </button>
          ) : (
            <span className="ml-auto">{link("#/signin", t("nav.signIn"), "signin")}</span>
          )}
        </nav>
      </header>
      {signOutError !== null && (
        <p role="alert" className="mt-2 rounded bg-red-50 p-2 text-red-800">
          {t("error.signOut")}
        </p>
      )}
      <main>
        <PageBoundary key={page} message={t("error.pageLoad")} retry={t("common.retry")}>
          <Suspense fallback={<p className="mt-4">{t("common.loading")}</p>}>
            <Page route={route} />
          </Suspense>
        </PageBoundary>
      </main>
    </div>
  );
}

/** A page whose code could not load (a staff page fetched on demand, offline): say so, offer a retry. */
class PageBoundary extends Component<
  { message: string; retry: string; children: ReactNode },
  { failed: boolean }
> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div role="alert" className="mt-4">
        <p>{this.props.message}</p>
        <button type="button" onClick={() => location.reload()} className={buttonClass}>
          {this.props.retry}
        </button>
      </div>
    );
  }
}

function Page({ route }: { route: string[] }) {
  switch (route[0]) {
    case "register":
      return <Register slug={route[1] ?? ""} slotId={route[2] ?? ""} />;
    case "tickets":
      return <Tickets />;
    case "signin":
      return <SignInPage />;
    case "scan":
      return (
        <Staff>
          <Scanner event={route[1]} />
        </Staff>
      );
    case "desk":
      return (
        <Staff>
          <Desk />
        </Staff>
      );
    case "dashboard":
      return (
        <Staff admin>
          <Dashboard initial={route[1]} />
        </Staff>
      );
    default:
      return <Events />;
  }
}

function SignInPage() {
  const { me } = useSession();
  useEffect(() => {
    if (me) location.hash = isAdmin(me) ? "#/dashboard" : isStaff(me) ? "#/scan" : "#/tickets";
  }, [me]);
  return me ? null : <SignIn />;
}

/** Staff pages: sign in first; a visitor is told the page is not theirs. */
function Staff({ admin, children }: { admin?: boolean; children: ReactNode }) {
  const { t } = useLanguage();
  const { me } = useSession();
  if (me === undefined) return <p className="mt-4">{t("common.loading")}</p>;
  if (me === null) return <SignIn />;
  if (admin ? !isAdmin(me) : !isStaff(me)) {
    return (
      <p role="alert" className="mt-4">
        {t(admin ? "staff.adminOnly" : "staff.only")}
      </p>
    );
  }
  return <>{children}</>;
}

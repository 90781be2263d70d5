/**
 * The one navigation for the whole dashboard: a sidebar on a laptop, a menu button on a phone.
 * Only sections that exist are listed; the convenor also sees Admin.
 */

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, Outlet, useNavigate, useRouterState } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { useAccess } from "../access.ts";
import { cycleLabel, useCycleChoice } from "../cycle-choice.ts";
import { formatDate } from "../format.ts";
import { meQuery } from "../queries.ts";
import { AlertBanner } from "./alert-banner.tsx";
import { InboxBell } from "./inbox-bell.tsx";

const sections = [
  { to: "/", label: "Overview" },
  { to: "/goals", label: "Goals" },
  { to: "/roadmap", label: "Road map" },
  { to: "/milestones", label: "Milestones" },
  { to: "/meetings", label: "Meetings" },
  { to: "/contributions", label: "Contributions" },
  { to: "/alerts", label: "Alerts" },
  { to: "/proposals", label: "Proposals" },
  { to: "/statements", label: "Statements" },
  { to: "/organisations", label: "Organisations" },
  { to: "/resources", label: "Resources" },
  { to: "/exports", label: "Exports" },
] as const;

const adminSections = [
  { to: "/admin/cycles", label: "Cycles and themes" },
  { to: "/admin/accounts", label: "Accounts" },
  { to: "/admin/audit", label: "Audit log" },
  { to: "/admin/webhooks", label: "Webhooks" },
  { to: "/admin/settings", label: "Settings" },
  { to: "/admin/delivery", label: "Email and delivery" },
] as const;

export function AppShell() {
  const me = useQuery(meQuery);
  const [menuOpen, setMenuOpen] = useState(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // Following a link closes the phone menu (adjusting state during render, as React advises).
  const [menuPath, setMenuPath] = useState(pathname);
  if (menuPath !== pathname) {
    setMenuPath(pathname);
    setMenuOpen(false);
  }
  const { user, isConvenor, takesPart, roleWords } = useAccess();
  // Escape closes the phone menu and puts focus back on its button, as a disclosure should.
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setMenuOpen(false);
      document.querySelector<HTMLButtonElement>(".menu-button")?.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [menuOpen]);

  const signOut = async () => {
    // Better Auth's client (about 11 KiB gzipped) is fetched only when someone signs out.
    const { authClient } = await import("../auth-client.ts");
    await authClient.signOut();
    queryClient.clear();
    await navigate({ to: "/sign-in" });
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="menu-button no-print"
          aria-expanded={menuOpen}
          aria-controls="site-nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          Menu
        </button>
        <Link to="/" className="brand">
          Convene
          <span className="brand-group">{me.data?.group.shortName ?? me.data?.group.name}</span>
        </Link>
        <CyclePicker />
        <InboxBell />
      </header>
      <nav id="site-nav" className={`sidebar no-print ${menuOpen ? "open" : ""}`} aria-label="Main">
        <ul>
          {sections.map((s) => (
            <li key={s.to}>
              <Link
                to={s.to}
                activeOptions={{ exact: s.to === "/", includeSearch: false }}
                activeProps={{ "aria-current": "page", className: "active" }}
              >
                {s.label}
              </Link>
            </li>
          ))}
          {takesPart && (
            <li>
              <Link to="/data" activeOptions={{ includeSearch: false }} activeProps={{ "aria-current": "page", className: "active" }}>
                Data in and out
              </Link>
            </li>
          )}
        </ul>
        {isConvenor && (
          <>
            <p className="nav-heading">Admin</p>
            <ul>
              {adminSections.map((s) => (
                <li key={s.to}>
                  <Link to={s.to} activeOptions={{ includeSearch: false }} activeProps={{ "aria-current": "page", className: "active" }}>
                    {s.label}
                  </Link>
                </li>
              ))}
            </ul>
          </>
        )}
        <div className="nav-user">
          {user && (
            <>
              <Link to="/account" activeProps={{ "aria-current": "page", className: "active" }}>
                {user.name}
              </Link>
              <span className="muted small">{roleWords}</span>
              <button type="button" className="link-button" onClick={signOut}>
                Sign out
              </button>
            </>
          )}
        </div>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <AlertBanner />
        <Outlet />
        <footer className="site-footer no-print">
          <Link to="/privacy">Privacy: what Convene keeps about you</Link>
        </footer>
      </main>
    </div>
  );
}

function CyclePicker() {
  const { cycle, cycles, choose } = useCycleChoice();
  if (cycles.length === 0) return null;
  return (
    <label className="cycle-picker">
      <span>Cycle</span>
      <select value={cycle?.id ?? ""} onChange={(e) => choose(Number(e.target.value))}>
        {cycles.map((c) => (
          <option key={c.id} value={c.id}>
            {cycleLabel(c)}
          </option>
        ))}
      </select>
      {cycle && <span className="muted small cycle-dates">AGM {formatDate(cycle.agmDate)}</span>}
    </label>
  );
}

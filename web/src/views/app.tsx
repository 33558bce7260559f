/** Pick the view from the route. */
import { t } from "../i18n";
import { route } from "../store/route";
import { ConfirmDialog } from "./dialog";
import { JoinView } from "./join";
import { lazy } from "./lazy";

// The phone's view comes with the first load; the others, bigger and on better connections,
// are fetched when opened.
const StartView = lazy(() => import("./start").then((m) => m.StartView));
const FacilitatorView = lazy(() => import("./facilitator").then((m) => m.FacilitatorView));
const CaseView = lazy(() => import("./case").then((m) => m.CaseView));
const ScreenView = lazy(() => import("./screen").then((m) => m.ScreenView));
const AdminView = lazy(() => import("./account/admin").then((m) => m.AdminView));
const InvitationView = lazy(() => import("./account/invitation").then((m) => m.InvitationView));

export function App() {
  return (
    <>
      <Routed />
      <ConfirmDialog />
    </>
  );
}

function Routed() {
  const current = route.value;
  switch (current.view) {
    case "start":
      return <StartView />;
    case "facilitator":
      return <FacilitatorView meetingId={current.meetingId} />;
    case "case":
      return <CaseView caseId={current.caseId} />;
    case "screen":
      return <ScreenView token={current.token} />;
    case "join":
      return <JoinView token={current.token} />;
    case "admin":
      return <AdminView />;
    case "invitation":
      return <InvitationView token={current.token} />;
    case "missing":
      return (
        <main id="main" class="page page--narrow">
          <p>{t("error.not_found")}</p>
          <a href="/">{t("fac.toStart")}</a>
        </main>
      );
  }
}

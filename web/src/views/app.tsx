/** Pick the view from the route. */
import { t } from "../i18n";
import { route } from "../store/route";
import { CaseView } from "./case";
import { FacilitatorView } from "./facilitator";
import { JoinView } from "./join";
import { ScreenView } from "./screen";
import { StartView } from "./start";

export function App() {
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
    case "missing":
      return (
        <main id="main" class="page page--narrow">
          <p>{t("error.not_found")}</p>
          <a href="/">{t("fac.toStart")}</a>
        </main>
      );
  }
}

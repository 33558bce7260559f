/** Entry point: styles, routing, language, and the app. */
import { render } from "preact";
import { followLangInDocument } from "./i18n";
import { followRouteLanguage } from "./store/language";
import { followLocation } from "./store/route";
// The cascade keeps the order the styles were written in: base, chrome, then each feature's.
import "./styles.css";
import "./styles/chrome.css";
import "./styles/start.css";
import "./views/run/run.css";
import "./views/board.css";
import "./views/phone.css";
import "./views/screen.css";
import "./views/agreements/agreements.css";
import "./views/case.css";
import "./views/genogram/genogram.css";
import "./views/scaling/scaling.css";
import "./views/run/facilitation.css";
import "./followup.css";
import "./languages.css";
import { App } from "./views/app";

followLocation();
followLangInDocument();
// A phone set to another language waits for its catalogue (one small chunk) rather than
// flashing Danish, and left-to-right, first.
void followRouteLanguage().finally(() => render(<App />, document.getElementById("app")!));

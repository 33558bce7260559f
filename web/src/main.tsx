/** Entry point: styles, routing, language, and the app. */
import { render } from "preact";
import { followLangInDocument } from "./i18n";
import { followRouteLanguage } from "./store/language";
import { followLocation } from "./store/route";
import "./styles.css";
import "./facilitation.css";
import "./followup.css";
import "./languages.css";
import { App } from "./views/app";

followLocation();
followLangInDocument();
// A phone set to another language waits for its catalogue (one small chunk) rather than
// flashing Danish, and left-to-right, first.
void followRouteLanguage().finally(() => render(<App />, document.getElementById("app")!));

/** Entry point: styles, routing, language, and the app. */
import { render } from "preact";
import { followLangInDocument } from "./i18n";
import { followLocation } from "./store/route";
import "./styles.css";
import "./facilitation.css";
import "./followup.css";
import { App } from "./views/app";

followLocation();
followLangInDocument();
render(<App />, document.getElementById("app")!);

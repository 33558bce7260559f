/** Which audience each page is for, so that it shows the right language: the person's own on a
 * phone, the meeting's (Danish) on the screen, Danish or English on the facilitator's pages. */
import { effect, untracked } from "@preact/signals";
import { showFor, type Audience } from "../i18n";
import { route, type Route } from "./route";

export function audienceOf(current: Route): Audience {
  switch (current.view) {
    case "screen":
      return "screen";
    case "join":
    case "missing":
      return "phone";
    case "start":
    case "facilitator":
    case "case":
    case "admin":
    case "invitation":
      return "staff";
  }
}

/** Follow the route; the promise settles when the first page's catalogue is ready. */
export function followRouteLanguage(): Promise<void> {
  let first: Promise<void> = Promise.resolve();
  let started = false;
  effect(() => {
    const who = audienceOf(route.value);
    const shown = untracked(() => showFor(who));
    if (!started) first = shown;
    started = true;
  });
  return first;
}

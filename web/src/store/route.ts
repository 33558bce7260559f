/** Which view to show, from location.pathname (and the link token in the fragment). */
import { signal } from "@preact/signals";

export type Route =
  | { view: "start" }
  | { view: "facilitator"; meetingId: string }
  | { view: "case"; caseId: string }
  | { view: "screen"; token: string }
  | { view: "join"; token: string }
  | { view: "admin" }
  | { view: "invitation"; token: string }
  | { view: "missing" };

export function parseRoute(pathname: string, hash: string): Route {
  const token = decodeURIComponent(hash.replace(/^#/, ""));
  if (pathname === "/" || pathname === "") return { view: "start" };
  const facilitator = /^\/m\/([A-Za-z0-9_-]{1,40})\/?$/.exec(pathname);
  if (facilitator) return { view: "facilitator", meetingId: facilitator[1]! };
  const inCase = /^\/c\/([A-Za-z0-9_-]{1,64})\/?$/.exec(pathname);
  if (inCase) return { view: "case", caseId: inCase[1]! };
  if (pathname === "/s" || pathname === "/s/") return { view: "screen", token };
  if (pathname === "/j" || pathname === "/j/") return { view: "join", token };
  if (pathname === "/admin" || pathname === "/admin/") return { view: "admin" };
  if (pathname === "/invitation" || pathname === "/invitation/") {
    return { view: "invitation", token };
  }
  return { view: "missing" };
}

/** The meeting a screen link names in its query (`/s?meeting=ID#token`): not a credential, only
 * what lets a proxy in front of several nodes route the screen's first connection to the
 * meeting's node (the token alone does not say which meeting it is). */
export function linkedMeeting(search: string): string | undefined {
  const id = new URLSearchParams(search).get("meeting");
  return id && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : undefined;
}

function here(): Route {
  return parseRoute(location.pathname, location.hash);
}

export const route = signal<Route>(typeof location === "undefined" ? { view: "start" } : here());

/** Go to a path inside the app without a page load. */
export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  route.value = here();
}

export function followLocation(): void {
  const update = (): void => {
    route.value = here();
  };
  addEventListener("popstate", update);
  addEventListener("hashchange", update);
}

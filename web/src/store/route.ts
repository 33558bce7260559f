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

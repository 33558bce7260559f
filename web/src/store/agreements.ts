/** The meeting's agreements as views need them: in order, and sorted by what they are. */
import type { Agreement } from "../schema.gen";
import { agreements } from "./entities";

function ordered(): Agreement[] {
  return [...agreements.value.values()].sort((a, b) =>
    a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1,
  );
}

/** This meeting's agreements: the plan that is read back. */
export function agreedList(): Agreement[] {
  return ordered().filter((a) => a.status === "agreed" && !a.carried_from);
}

/** Proposals from phones, waiting for the facilitator. */
export function proposalList(): Agreement[] {
  return ordered().filter((a) => a.status === "proposed");
}

/** Open agreements from the case's previous meeting, to follow up. */
export function carriedList(): Agreement[] {
  return ordered().filter((a) => Boolean(a.carried_from));
}

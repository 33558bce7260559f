/** English strings for what a follow-up meeting brings from the case's earlier meeting. */
import type { daFollowup } from "./da.followup";

export const enFollowup: Record<keyof typeof daFollowup, string> = {
  "followup.drawingCarried":
    "The genogram and network map were brought over from the meeting of {date}.",
  "followup.drawingCarriedHelp": "Change what is different today.",
};

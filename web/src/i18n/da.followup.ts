/** Danish strings for what a follow-up meeting brings from the case's earlier meeting. */
export const daFollowup = {
  "followup.drawingCarried":
    "Genogram og netværkskort er hentet fra mødet den {date}.",
  "followup.drawingCarriedHelp": "Ret det til, så det passer i dag.",
};

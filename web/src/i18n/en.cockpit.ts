/** English strings for the facilitator's cockpit, drafts and forms that keep what was typed. */
export const enCockpit = {
  "draft.elsewhere": "Your half-written note belongs to “{column}”.",
  "draft.moveHere": "Move it here",
};

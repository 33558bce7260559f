/** Danish strings for the facilitator's cockpit, drafts and forms that keep what was typed. */
export const daCockpit = {
  "draft.elsewhere": "Din halvskrevne note hører til „{column}“.",
  "draft.moveHere": "Flyt den hertil",
};

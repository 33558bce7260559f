/** English strings for the facilitator's cockpit, drafts and forms that keep what was typed. */
export const enCockpit = {
  "draft.elsewhere": "Your half-written note belongs to “{column}”.",
  "draft.moveHere": "Move it here",
  "form.requiredMark": "(required)",
  "form.requiredNote": "Fields marked * are required.",
  "form.keptTyped": "What you typed is still here.",
  "form.sending": "Sending …",
  "agr.whatRequired": "Write what is to happen.",
  "agr.whoRequired": "Choose or write who does it.",
  "agr.whenHelp":
    "No fixed date? Write e.g. “every Tuesday” or “as needed” — or leave it empty, and the agreement runs until the next meeting.",
  "agr.ongoing": "Ongoing",
  "scale.questionRequired": "Write the question when you ask your own.",
  "person.yearShape": "Write the year in four digits, e.g. 1964.",
  "geno.kinshipRequired": "Choose who you are to the child.",
  "geno.iAmTheChilds": "I am the child's …",
  "person.nameRequired": "Write the person's name.",
  "join.nameRequired": "Write your first name.",
  "join.roleRequired": "Choose who you are in the meeting.",
  "join.rolePick": "Choose …",
  "join.codeRequired": "Write the code from the screen.",
  "join.codeShape": "The code is 8 digits. Spaces and dashes do not matter.",
};

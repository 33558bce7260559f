/** English strings for choosing a language, reading aloud, and the preset scaling questions. */
import type { daLanguages } from "./da.languages";

export const enLanguages: Record<keyof typeof daLanguages, string> = {
  "lang.choose": "Choose your language",
  "lang.chooseHelp":
    "You can change the language at any time at the top of the page.",
  "lang.current": "Language: {name}. Change language",
  "speak.note": "Read the note aloud",
  "speak.phase": "Read the phase aloud",
  "speak.scale": "Read the question aloud",
  "speak.stop": "Stop reading aloud",
  "scale.q.safety":
    "On a scale from 0 to 10: how safe is it for the child today?",
  "scale.q.safety.low": "It is certain that the child will be harmed (again)",
  "scale.q.safety.high":
    "Everyone knows the child is safe enough for the case to be closed",
  "scale.q.worry": "How worried are you about the child today?",
  "scale.q.worry.low": "Not worried at all",
  "scale.q.worry.high": "Very worried",
  "scale.q.plan": "How well is the plan working?",
  "scale.q.plan.low": "The plan is not working at all",
  "scale.q.plan.high": "The plan is working just as we hoped",
  "scale.q.mood": "How are you feeling?",
  "scale.q.mood.low": "Very sad",
  "scale.q.mood.high": "Very happy",
};

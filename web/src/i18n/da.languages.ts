/** Danish strings for choosing a language, reading aloud, and the preset scaling questions as
 * a phone shows them in the person's own language. */
export const daLanguages = {
  "lang.choose": "Vælg dit sprog",
  "lang.chooseHelp": "Du kan skifte sprog når som helst øverst på siden.",
  "lang.current": "Sprog: {name}. Skift sprog",
  "speak.note": "Læs noten højt",
  "speak.phase": "Læs fasen højt",
  "speak.scale": "Læs spørgsmålet højt",
  "speak.stop": "Stop oplæsningen",
  "scale.q.safety":
    "På en skala fra 0 til 10: hvor sikkert er det for barnet i dag?",
  "scale.q.safety.low":
    "Det er helt sikkert, at barnet vil blive skadet (igen)",
  "scale.q.safety.high":
    "Alle ved, at barnet er sikkert nok til, at sagen kan lukkes",
  "scale.q.worry": "Hvor bekymret er du for barnet i dag?",
  "scale.q.worry.low": "Slet ikke bekymret",
  "scale.q.worry.high": "Meget bekymret",
  "scale.q.plan": "Hvor godt virker planen?",
  "scale.q.plan.low": "Planen virker slet ikke",
  "scale.q.plan.high": "Planen virker helt, som vi håbede",
  "scale.q.mood": "Hvordan har du det?",
  "scale.q.mood.low": "Meget ked af det",
  "scale.q.mood.high": "Rigtig glad",
};

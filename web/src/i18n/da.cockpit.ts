/** Danish strings for the facilitator's cockpit, drafts and forms that keep what was typed. */
export const daCockpit = {
  "draft.elsewhere": "Din halvskrevne note hører til „{column}“.",
  "draft.moveHere": "Flyt den hertil",
  "form.requiredMark": "(skal udfyldes)",
  "form.requiredNote": "Felter med * skal udfyldes.",
  "form.keptTyped": "Det, du skrev, står her stadig.",
  "form.sending": "Sender …",
  "agr.whatRequired": "Skriv, hvad der skal ske.",
  "agr.whoRequired": "Vælg eller skriv, hvem der gør det.",
  "agr.whenHelp":
    "Ingen fast dato? Skriv fx „hver tirsdag“ eller „efter behov“ — eller lad det stå tomt, så gælder aftalen løbende til næste møde.",
  "agr.ongoing": "Løbende",
  "scale.questionRequired": "Skriv spørgsmålet, når du stiller dit eget.",
  "person.yearShape": "Skriv året med fire cifre, fx 1964.",
  "geno.kinshipRequired": "Vælg, hvem du er for barnet.",
  "geno.iAmTheChilds": "Jeg er barnets …",
  "person.nameRequired": "Skriv personens navn.",
  "join.nameRequired": "Skriv dit fornavn.",
  "join.roleRequired": "Vælg, hvem du er i mødet.",
  "join.rolePick": "Vælg …",
  "join.codeRequired": "Skriv koden fra skærmen.",
  "join.codeShape": "Koden er 8 cifre. Mellemrum og bindestreger gør ikke noget.",
};

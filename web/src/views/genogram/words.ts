/** The genogram's words and lists: sexes, kinships, relation kinds, and a person's name. */
import type { MessageKey } from "../../i18n";
import type { PersonDraft } from "../../net/genogram";
import type { RelationKind, Sector, Sex } from "../../schema.gen";
import { shownPersons } from "../../store/drawing";
import { yearOf, type PersonFormDraft } from "../../store/drawing-view";

export const kindKey = (kind: RelationKind) => `geno.kind.${kind}` as MessageKey;
export const sexKey = (sex: Sex) => `geno.sex.${sex}` as MessageKey;
export const sectorKey = (sector: Sector) => `net.sector.${sector}` as MessageKey;

export function nameOf(personId: string): string {
  return shownPersons.value.get(personId)?.name ?? "?";
}

/** The form as typed, as the intent's fields. */
export function toPersonDraft(form: PersonFormDraft): PersonDraft {
  return {
    ...form,
    name: form.name.trim(),
    born: yearOf(form.born),
    died: form.deceased ? yearOf(form.died) : null,
  };
}

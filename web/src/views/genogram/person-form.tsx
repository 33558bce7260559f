/** The facilitator's person form: add someone to the genogram or the network map, or change
 * the person chosen. It keeps what was typed until the server has it. */
import { t, type MessageKey } from "../../i18n";
import { addPerson, deletePerson, editPerson, nudgePerson } from "../../net/genogram";
import type { Intent } from "../../schema.gen";
import { shownAllPersons } from "../../store/drawing";
import {
  EMPTY_PERSON,
  editingPerson,
  personDraft,
  selectedPerson,
  yearOf,
  type PersonFormDraft,
} from "../../store/drawing-view";
import { check, fieldFixed } from "../../store/forms";
import { persons } from "../../store/genogram";
import {
  FieldError,
  Label,
  Refusal,
  fieldState,
  focusFirstRefused,
  useGiveBack,
} from "../field-error";
import { BornField, SexField } from "./fields";
import { toPersonDraft } from "./words";
import { ask } from "../../store/dialog";

/** What must be right before a person is sent: a name, and years of four digits. */
export function personErrors(draft: PersonFormDraft): Record<string, MessageKey> {
  const errors: Record<string, MessageKey> = {};
  if (!draft.name.trim()) errors["name"] = "person.nameRequired";
  if (draft.born.trim() && yearOf(draft.born) === null) errors["born"] = "person.yearShape";
  if (draft.deceased && draft.died.trim() && yearOf(draft.died) === null) {
    errors["died"] = "person.yearShape";
  }
  return errors;
}

export function PersonForm() {
  const draft = personDraft.value;
  const editing = editingPerson.value ? persons.value.get(editingPerson.value) : undefined;
  const set = (change: Partial<PersonFormDraft>): void => {
    personDraft.value = { ...personDraft.value, ...change };
  };
  const clear = (): void => {
    editingPerson.value = null;
    selectedPerson.value = null;
    personDraft.value = EMPTY_PERSON;
    check("person", {});
  };
  // The form empties when it sends; refused words come back while it is still empty.
  const restore = (intent: Intent, always = false): boolean => {
    if (intent.type !== "person.add" && intent.type !== "person.edit") return false;
    if (!always && personDraft.peek().name.trim()) return false;
    const { type: _type, id: _id, person_id: personId, ...fields } = intent;
    editingPerson.value = intent.type === "person.edit" ? personId : null;
    personDraft.value = {
      ...EMPTY_PERSON,
      ...fields,
      born: fields.born != null ? String(fields.born) : "",
      died: fields.died != null ? String(fields.died) : "",
    } as PersonFormDraft;
    return true;
  };
  useGiveBack("person", (intent) => restore(intent));
  return (
    <form
      class="stack stack--small"
      aria-labelledby="person-form-title"
      data-testid="person-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        if (!check("person", personErrors(draft))) {
          requestAnimationFrame(() => focusFirstRefused(form));
          return;
        }
        const fields = toPersonDraft(draft);
        const sent = editing
          ? editPerson(editing.id, fields, "person")
          : addPerson(fields, "person") !== null;
        if (sent) clear();
      }}
    >
      <h3 id="person-form-title">
        {editing ? t("geno.editPerson", { name: editing.name }) : t("geno.addPerson")}
      </h3>
      <div class="row row--wrap">
        <label class="field field--grow">
          <Label required>{t("geno.name")}</Label>
          <input
            class="input"
            maxLength={40}
            required
            value={draft.name}
            data-testid="person-name"
            {...fieldState("person", "name")}
            onInput={(e) => {
              fieldFixed("person", "name");
              set({ name: e.currentTarget.value });
            }}
          />
          <FieldError form="person" field="name" />
        </label>
        <SexField value={draft.sex} onChange={(sex) => set({ sex })} testId="person-sex" />
        <BornField
          form="person"
          label="geno.born"
          value={draft.born}
          onInput={(born) => set({ born })}
          narrow
          testId="person-born"
        />
      </div>
      <div class="row row--wrap">
        <label class="check">
          <input
            type="checkbox"
            checked={draft.deceased}
            data-testid="person-deceased"
            onChange={(e) => set({ deceased: e.currentTarget.checked })}
          />
          <span>{t("geno.deceased")}</span>
        </label>
        {draft.deceased && (
          <label class="field">
            <span>{t("geno.died")}</span>
            <input
              class="input input--year"
              inputMode="numeric"
              maxLength={4}
              value={draft.died}
              data-testid="person-died"
              {...fieldState("person", "died")}
              onInput={(e) => {
                fieldFixed("person", "died");
                set({ died: e.currentTarget.value });
              }}
            />
            <FieldError form="person" field="died" />
          </label>
        )}
        <label class="check">
          <input
            type="checkbox"
            checked={draft.focus}
            data-testid="person-focus"
            onChange={(e) => set({ focus: e.currentTarget.checked })}
          />
          <span>{t("geno.focus")}</span>
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={!draft.in_genogram}
            data-testid="person-network-only"
            onChange={(e) => set({ in_genogram: !e.currentTarget.checked })}
          />
          <span>{t("geno.networkOnly")}</span>
        </label>
      </div>
      <div class="row row--wrap">
        <label class="field field--grow">
          <span>{t("geno.household")}</span>
          <input
            class="input"
            maxLength={40}
            list="households"
            value={draft.household}
            data-testid="person-household"
            onInput={(e) => set({ household: e.currentTarget.value })}
          />
          <datalist id="households">
            {[
              ...new Set(
                shownAllPersons()
                  .map((p) => p.household)
                  .filter(Boolean),
              ),
            ].map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </label>
        <label class="field field--grow">
          <span>{t("net.canHelp")}</span>
          <input
            class="input"
            maxLength={200}
            value={draft.can_help}
            data-testid="person-can-help"
            onInput={(e) => set({ can_help: e.currentTarget.value })}
          />
        </label>
      </div>
      <label class="field">
        <span>{t("geno.note")}</span>
        <input
          class="input"
          maxLength={300}
          value={draft.note}
          data-testid="person-note"
          onInput={(e) => set({ note: e.currentTarget.value })}
        />
      </label>
      <Refusal form="person" restore={(intent) => restore(intent, true)} />
      <div class="row row--wrap">
        <button class="button button--primary" data-testid="person-save">
          {editing ? t("geno.save") : t("geno.add")}
        </button>
        {editing && (
          <>
            <button type="button" class="button" onClick={clear} data-testid="person-cancel">
              {t("geno.cancel")}
            </button>
            <button
              type="button"
              class="button button--danger"
              data-testid="person-delete"
              onClick={() => {
                ask(t("geno.confirmDelete", { name: editing.name }), () => {
                  deletePerson(editing.id);
                  clear();
                }, "dialog.delete");
              }}
            >
              {t("geno.delete")}
            </button>
            {editing.dx || editing.dy ? (
              <button
                type="button"
                class="button"
                data-testid="person-unnudge"
                onClick={() => nudgePerson(editing.id, 0, 0)}
              >
                {t("geno.unnudge")}
              </button>
            ) : null}
          </>
        )}
      </div>
    </form>
  );
}

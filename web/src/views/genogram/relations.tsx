/** The facilitator's lines between people: drawing one, and the list to change or delete. */
import { t } from "../../i18n";
import { isCouple, isParent } from "../../layout/genogram";
import { addRelation, deleteRelation, editRelation } from "../../net/genogram";
import {
  COUPLE_KINDS,
  EMOTIONAL_KINDS,
  PARENT_KINDS,
  type RelationKind,
} from "../../schema.gen";
import { shownGenogramPersons } from "../../store/drawing";
import { relationDraft } from "../../store/drawing-view";
import { relations } from "../../store/genogram";
import { kindKey, nameOf } from "./words";

function PersonSelect({
  value,
  onChange,
  testId,
  label,
}: {
  value: string;
  onChange: (id: string) => void;
  testId: string;
  label: string;
}) {
  return (
    <label class="field">
      <span>{label}</span>
      <select
        class="select"
        value={value}
        data-testid={testId}
        onChange={(e) => onChange(e.currentTarget.value)}
      >
        <option value="">{t("geno.choose")}</option>
        {shownGenogramPersons().map((person) => (
          <option key={person.id} value={person.id}>
            {person.name}
            {person.born ? ` (${person.born})` : ""}
          </option>
        ))}
      </select>
    </label>
  );
}

export function RelationForm() {
  const draft = relationDraft.value;
  const set = (change: Partial<typeof draft>): void => {
    relationDraft.value = { ...relationDraft.value, ...change };
  };
  const parent = isParent(draft.kind);
  return (
    <form
      class="stack stack--small"
      aria-labelledby="relation-form-title"
      data-testid="relation-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (addRelation(draft.kind, draft.a, draft.b)) set({ a: "", b: "" });
      }}
    >
      <h3 id="relation-form-title">{t("geno.addRelation")}</h3>
      <div class="row row--wrap">
        <PersonSelect
          value={draft.a}
          onChange={(a) => set({ a })}
          testId="relation-a"
          label={parent ? t("geno.parent") : t("geno.personA")}
        />
        <label class="field">
          <span>{t("geno.kind")}</span>
          <select
            class="select"
            value={draft.kind}
            data-testid="relation-kind"
            onChange={(e) => set({ kind: e.currentTarget.value as RelationKind })}
          >
            {(
              [
                ["geno.group.couple", COUPLE_KINDS],
                ["geno.group.parent", PARENT_KINDS],
                ["geno.group.emotional", EMOTIONAL_KINDS],
              ] as const
            ).map(([label, kinds]) => (
              <optgroup key={label} label={t(label)}>
                {kinds.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(kindKey(kind))}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <PersonSelect
          value={draft.b}
          onChange={(b) => set({ b })}
          testId="relation-b"
          label={parent ? t("geno.child") : t("geno.personB")}
        />
      </div>
      <button
        class="button button--primary"
        disabled={!draft.a || !draft.b || draft.a === draft.b}
        data-testid="relation-add"
      >
        {t("geno.addRelationButton")}
      </button>
    </form>
  );
}

function sameGroup(kind: RelationKind): readonly RelationKind[] {
  if (isCouple(kind)) return COUPLE_KINDS;
  if (isParent(kind)) return PARENT_KINDS;
  return EMOTIONAL_KINDS;
}

export function RelationList() {
  const list = [...relations.value.values()];
  if (!list.length) return <p class="muted">{t("geno.noRelations")}</p>;
  return (
    <div class="stack stack--small">
      <h3>{t("geno.relations")}</h3>
      <ul class="drawings__list" data-testid="relation-list">
        {list.map((relation) => {
          const text = isParent(relation.kind)
            ? t("geno.parentOf", { parent: nameOf(relation.a), child: nameOf(relation.b) })
            : `${nameOf(relation.a)} – ${nameOf(relation.b)}`;
          return (
            <li
              key={relation.id}
              class="row row--wrap"
              data-testid="relation-item"
              data-kind={relation.kind}
            >
              <span class="field--grow">{text}</span>
              <select
                class="select select--small"
                value={relation.kind}
                aria-label={t("geno.kindOf", { what: text })}
                data-testid="relation-item-kind"
                onChange={(e) => editRelation(relation.id, e.currentTarget.value as RelationKind)}
              >
                {sameGroup(relation.kind).map((kind) => (
                  <option key={kind} value={kind}>
                    {t(kindKey(kind))}
                  </option>
                ))}
              </select>
              <button
                type="button"
                class="button button--small button--quiet"
                aria-label={t("geno.deleteRelation", { what: text })}
                onClick={() => deleteRelation(relation.id)}
              >
                {t("geno.delete")}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

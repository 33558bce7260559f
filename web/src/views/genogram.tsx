/**
 * The genogram and the network map in each view: the facilitator edits both, a phone adds its
 * person ("Jeg er barnets …") and can zoom, the screen shows what the facilitator puts on it.
 */
import { signal } from "@preact/signals";
import { useRef } from "preact/hooks";
import { t, type MessageKey } from "../i18n";
import {
  COUPLE_KINDS,
  EMOTIONAL_KINDS,
  isCouple,
  isParent,
  PARENT_KINDS,
} from "../layout/genogram";
import { SECTORS, stepRing } from "../layout/network";
import {
  addPerson,
  addRelation,
  deletePerson,
  deleteRelation,
  editPerson,
  editRelation,
  joinGenogram,
  nudgePerson,
  placePerson,
  showOnScreen,
  type PersonDraft,
} from "../net/genogram";
import type { Kinship, Person, RelationKind, Sector, Sex } from "../schema.gen";
import { me } from "../store/connection";
import {
  focusChild,
  genogramPersons,
  persons,
  relations,
  screenShows,
  screenView,
} from "../store/genogram";
import { screenScale } from "../store/scaling";
import { CarriedNotice } from "./carried";
import { downloadSvg, GenogramSvg, NetworkSvg } from "./drawings";

const SEXES: readonly Sex[] = ["female", "male", "other", "unknown"];
const KINSHIPS: readonly Kinship[] = [
  "mor",
  "far",
  "mormor",
  "morfar",
  "farmor",
  "farfar",
  "moster",
  "morbror",
  "faster",
  "farbror",
  "soester",
  "bror",
  "plejemor",
  "plejefar",
  "anden",
];

const kindKey = (kind: RelationKind) => `geno.kind.${kind}` as MessageKey;
const sexKey = (sex: Sex) => `geno.sex.${sex}` as MessageKey;
const sectorKey = (sector: Sector) => `net.sector.${sector}` as MessageKey;

function allPersons(): Person[] {
  return [...persons.value.values()];
}

function nameOf(personId: string): string {
  return persons.value.get(personId)?.name ?? "?";
}

// -- the facilitator ---------------------------------------------------------------------------

const tab = signal<"genogram" | "network">("genogram");
const selected = signal<string | null>(null);

const EMPTY: PersonDraft = {
  name: "",
  sex: "unknown",
  born: null,
  deceased: false,
  died: null,
  focus: false,
  household: "",
  note: "",
  in_genogram: true,
  can_help: "",
};

function draftOf(person: Person): PersonDraft {
  return {
    name: person.name,
    sex: person.sex ?? "unknown",
    born: person.born ?? null,
    deceased: person.deceased ?? false,
    died: person.died ?? null,
    focus: person.focus ?? false,
    household: person.household ?? "",
    note: person.note ?? "",
    in_genogram: person.in_genogram !== false,
    can_help: person.can_help ?? "",
  };
}

export function DrawingsPanel() {
  const shows = screenShows(screenScale());
  const svgHolder = useRef<HTMLDivElement>(null);
  const current = tab.value;
  return (
    <section
      class="panel stack drawings"
      aria-labelledby="drawings-title"
      data-testid="drawings-panel"
    >
      <div class="row row--between row--wrap">
        <h2 id="drawings-title">{t("geno.panelTitle")}</h2>
        <div class="row row--wrap" role="group" aria-label={t("geno.onScreen")}>
          <span class="muted">{t("geno.onScreen")}</span>
          {(["board", "genogram", "network"] as const).map((what) => (
            <button
              key={what}
              type="button"
              class={`button button--small ${shows === what ? "button--primary" : ""}`}
              aria-pressed={shows === what}
              data-testid={`screen-show-${what}`}
              onClick={() => showOnScreen(what)}
            >
              {t(`geno.show.${what}` as MessageKey)}
            </button>
          ))}
        </div>
      </div>
      <CarriedNotice help />
      <div class="tabs tabs--2" role="tablist" aria-label={t("geno.panelTitle")}>
        {(["genogram", "network"] as const).map((which) => (
          <button
            key={which}
            type="button"
            role="tab"
            class="tab"
            aria-selected={current === which}
            data-testid={`drawing-tab-${which}`}
            onClick={() => {
              tab.value = which;
            }}
          >
            <span class="tab__label">{t(`geno.tab.${which}` as MessageKey)}</span>
          </button>
        ))}
      </div>
      <div ref={svgHolder} class="drawings__canvas">
        {current === "genogram" ? (
          <GenogramSvg
            persons={genogramPersons()}
            relations={[...relations.value.values()]}
            title={t("geno.title")}
            testId="genogram-svg"
            selected={selected.value}
            onSelect={(id) => {
              selected.value = id;
            }}
            onNudge={nudgePerson}
            zoomable
          />
        ) : (
          <NetworkSvg
            persons={allPersons()}
            child={focusChild()}
            title={t("net.title")}
            testId="network-svg"
            onPlace={place}
            zoomable
          />
        )}
      </div>
      <div class="row row--wrap">
        <button
          type="button"
          class="button"
          data-testid="drawing-download"
          onClick={() =>
            downloadSvg(
              svgHolder.current?.querySelector("svg") ?? null,
              current === "genogram" ? "genogram.svg" : "netvaerkskort.svg",
            )
          }
        >
          {t("geno.download")}
        </button>
        <p class="muted">{t(current === "genogram" ? "geno.dragHelp" : "net.dragHelp")}</p>
      </div>
      {current === "genogram" ? <GenogramEditor /> : <NetworkEditor />}
    </section>
  );
}

const personDraft = signal<PersonDraft>(EMPTY);
const editingId = signal<string | null>(null);

function GenogramEditor() {
  const chosen = selected.value ? persons.value.get(selected.value) : undefined;
  if (chosen && editingId.value !== chosen.id) {
    editingId.value = chosen.id;
    personDraft.value = draftOf(chosen);
  }
  return (
    <div class="drawings__editor">
      <PersonForm />
      <RelationForm />
      <RelationList />
    </div>
  );
}

function PersonForm() {
  const draft = personDraft.value;
  const editing = editingId.value ? persons.value.get(editingId.value) : undefined;
  const set = (change: Partial<PersonDraft>): void => {
    personDraft.value = { ...personDraft.value, ...change };
  };
  const year = (text: string): number | null => (/^\d{4}$/.test(text) ? Number(text) : null);
  const clear = (): void => {
    editingId.value = null;
    selected.value = null;
    personDraft.value = EMPTY;
  };
  return (
    <form
      class="stack stack--small"
      aria-labelledby="person-form-title"
      data-testid="person-form"
      onSubmit={(event) => {
        event.preventDefault();
        const sent = editing ? editPerson(editing.id, draft) : addPerson(draft) !== null;
        if (sent) clear();
      }}
    >
      <h3 id="person-form-title">
        {editing ? t("geno.editPerson", { name: editing.name }) : t("geno.addPerson")}
      </h3>
      <div class="row row--wrap">
        <label class="field field--grow">
          <span>{t("geno.name")}</span>
          <input
            class="input"
            maxLength={40}
            value={draft.name}
            data-testid="person-name"
            onInput={(e) => set({ name: e.currentTarget.value })}
          />
        </label>
        <label class="field">
          <span>{t("geno.sex")}</span>
          <select
            class="select"
            value={draft.sex}
            data-testid="person-sex"
            onChange={(e) => set({ sex: e.currentTarget.value as Sex })}
          >
            {SEXES.map((sex) => (
              <option key={sex} value={sex}>
                {t(sexKey(sex))}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>{t("geno.born")}</span>
          <input
            class="input input--year"
            inputMode="numeric"
            maxLength={4}
            value={draft.born ?? ""}
            data-testid="person-born"
            onInput={(e) => set({ born: year(e.currentTarget.value) })}
          />
        </label>
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
              value={draft.died ?? ""}
              data-testid="person-died"
              onInput={(e) => set({ died: year(e.currentTarget.value) })}
            />
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
                allPersons()
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
      <div class="row row--wrap">
        <button
          class="button button--primary"
          disabled={!draft.name.trim()}
          data-testid="person-save"
        >
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
                if (confirm(t("geno.confirmDelete", { name: editing.name }))) {
                  deletePerson(editing.id);
                  clear();
                }
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

const relationDraft = signal<{ a: string; kind: RelationKind; b: string }>({
  a: "",
  kind: "married",
  b: "",
});

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
        {genogramPersons().map((person) => (
          <option key={person.id} value={person.id}>
            {person.name}
            {person.born ? ` (${person.born})` : ""}
          </option>
        ))}
      </select>
    </label>
  );
}

function RelationForm() {
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

function RelationList() {
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

/** Placements sent and not yet answered: a second quick click builds on the first. */
const sentPlacements = new Map<string, { ring: number; sector: Sector; angle: number } | null>();

function placementOf(person: Person): { ring: number; sector: Sector; angle: number } | null {
  const theirs =
    person.ring != null && person.sector != null
      ? { ring: person.ring, sector: person.sector, angle: person.angle ?? 0.5 }
      : null;
  if (!sentPlacements.has(person.id)) return theirs;
  const mine = sentPlacements.get(person.id)!;
  if (JSON.stringify(mine) === JSON.stringify(theirs)) {
    sentPlacements.delete(person.id);
    return theirs;
  }
  return mine;
}

function place(
  personId: string,
  placement: { ring: number; sector: Sector; angle: number } | null,
): void {
  sentPlacements.set(personId, placement);
  placePerson(personId, placement);
}

/** The keyboard (and button) way to place people: sector, closer, further out, off the map. */
function NetworkEditor() {
  const everyone = allPersons().filter((person) => !person.focus);
  if (!everyone.length) return <p class="muted">{t("net.nobody")}</p>;
  return (
    <ul class="drawings__list stack stack--small" data-testid="network-list">
      {everyone.map((person) => {
        const placed = placementOf(person);
        const sector = placed?.sector ?? "family";
        return (
          <li
            key={person.id}
            class="row row--wrap"
            data-testid="network-item"
            data-person={person.id}
          >
            <span class="field--grow">
              <strong>{person.name}</strong>{" "}
              <span class="muted">
                {placed
                  ? t("net.placed", { ring: placed.ring, sector: t(sectorKey(placed.sector)) })
                  : t("net.notPlaced")}
              </span>
            </span>
            <select
              class="select select--small"
              value={sector}
              aria-label={t("net.sectorOf", { name: person.name })}
              data-testid="network-sector"
              onChange={(e) =>
                place(person.id, {
                  ...(placed ?? { ring: 2, angle: 0.5 }),
                  sector: e.currentTarget.value as Sector,
                })
              }
            >
              {SECTORS.map((s) => (
                <option key={s} value={s}>
                  {t(sectorKey(s))}
                </option>
              ))}
            </select>
            <button
              type="button"
              class="button button--small"
              data-testid="network-closer"
              aria-label={t("net.closerOf", { name: person.name })}
              onClick={() => place(person.id, stepRing(placed, -1, sector))}
            >
              {t("net.closer")}
            </button>
            <button
              type="button"
              class="button button--small"
              data-testid="network-further"
              aria-label={t("net.furtherOf", { name: person.name })}
              onClick={() => place(person.id, stepRing(placed, 1, sector))}
            >
              {t("net.further")}
            </button>
            <button
              type="button"
              class="button button--small button--quiet"
              data-testid="network-edit"
              aria-label={t("geno.editPerson", { name: person.name })}
              onClick={() => {
                selected.value = person.id;
                tab.value = "genogram";
              }}
            >
              {t("net.edit")}
            </button>
            {placed && (
              <button
                type="button"
                class="button button--small button--quiet"
                data-testid="network-off"
                onClick={() => place(person.id, null)}
              >
                {t("net.off")}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

// -- the phone ---------------------------------------------------------------------------------

const kinship = signal<Kinship>("mor");
const kinBorn = signal("");
const kinHelp = signal("");
const kinSex = signal<Sex>("unknown");

export function PhoneGenogram() {
  const myId = me.value?.participantId;
  const mine = allPersons().find((person) => person.participant === myId);
  const child = focusChild();
  return (
    <section
      class="panel stack phone-genogram"
      aria-labelledby="phone-geno-title"
      data-testid="phone-genogram"
    >
      <h2 id="phone-geno-title">{t("geno.title")}</h2>
      <CarriedNotice />
      {!child ? (
        <p class="muted">{t("geno.noChild")}</p>
      ) : mine ? (
        <MyHelp mine={mine} />
      ) : (
        <form
          class="stack stack--small"
          data-testid="kinship-form"
          onSubmit={(event) => {
            event.preventDefault();
            const born = /^\d{4}$/.test(kinBorn.value) ? Number(kinBorn.value) : null;
            joinGenogram(
              kinship.value,
              born,
              kinHelp.value,
              kinship.value === "anden" ? kinSex.value : null,
            );
          }}
        >
          <label class="field">
            <span>{t("geno.iAm", { child: child.name })}</span>
            <select
              class="select select--large"
              value={kinship.value}
              data-testid="kinship"
              onChange={(e) => {
                kinship.value = e.currentTarget.value as Kinship;
              }}
            >
              {KINSHIPS.map((kin) => (
                <option key={kin} value={kin}>
                  {t(`geno.kin.${kin}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          {kinship.value === "anden" && (
            <label class="field">
              <span>{t("geno.sex")}</span>
              <select
                class="select select--large"
                value={kinSex.value}
                onChange={(e) => {
                  kinSex.value = e.currentTarget.value as Sex;
                }}
              >
                {SEXES.map((sex) => (
                  <option key={sex} value={sex}>
                    {t(sexKey(sex))}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label class="field">
            <span>{t("geno.bornOptional")}</span>
            <input
              class="input"
              inputMode="numeric"
              maxLength={4}
              value={kinBorn.value}
              data-testid="kinship-born"
              onInput={(e) => {
                kinBorn.value = e.currentTarget.value;
              }}
            />
          </label>
          <label class="field">
            <span>{t("net.canHelpOptional")}</span>
            <input
              class="input"
              maxLength={200}
              value={kinHelp.value}
              data-testid="kinship-can-help"
              onInput={(e) => {
                kinHelp.value = e.currentTarget.value;
              }}
            />
          </label>
          <button class="button button--primary button--large" data-testid="kinship-submit">
            {t("geno.addMe")}
          </button>
        </form>
      )}
      {genogramPersons().length > 0 && (
        <>
          <p class="muted">{t("geno.pinchHelp")}</p>
          <GenogramSvg
            persons={genogramPersons()}
            relations={[...relations.value.values()]}
            title={t("geno.title")}
            testId="phone-genogram-svg"
            zoomable
          />
        </>
      )}
    </section>
  );
}

const myHelp = signal<string | null>(null);

/** After adding oneself: what one can help with, changeable from the phone. */
function MyHelp({ mine }: { mine: Person }) {
  const text = myHelp.value ?? mine.can_help ?? "";
  return (
    <form
      class="stack stack--small"
      data-testid="my-help-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (editPerson(mine.id, { ...draftOf(mine), can_help: text })) myHelp.value = null;
      }}
    >
      <p data-testid="phone-genogram-joined">{t("geno.youAreIn", { name: mine.name })}</p>
      <label class="field">
        <span>{t("net.canHelpOptional")}</span>
        <input
          class="input"
          maxLength={200}
          value={text}
          data-testid="my-help"
          onInput={(e) => {
            myHelp.value = e.currentTarget.value;
          }}
        />
      </label>
      <button class="button" disabled={text === (mine.can_help ?? "")} data-testid="my-help-save">
        {t("geno.save")}
      </button>
    </form>
  );
}

// -- the screen --------------------------------------------------------------------------------

/** What the screen shows instead of the board, or null for the board. */
export function ScreenDrawing() {
  const shows = screenView.value?.shows ?? "board";
  if (shows === "board") return null;
  return (
    <section
      class="screen__drawing"
      aria-labelledby="screen-drawing-title"
      data-testid={`screen-${shows}`}
    >
      <h2 id="screen-drawing-title" class="screen__drawing-title">
        {t(shows === "genogram" ? "geno.title" : "net.title")}
      </h2>
      <CarriedNotice />
      {shows === "genogram" ? (
        <GenogramSvg
          persons={genogramPersons()}
          relations={[...relations.value.values()]}
          title={t("geno.title")}
          testId="screen-genogram-svg"
        />
      ) : (
        <NetworkSvg
          persons={allPersons()}
          child={focusChild()}
          title={t("net.title")}
          testId="screen-network-svg"
        />
      )}
    </section>
  );
}

/** The phone's genogram: "Jeg er barnets …" to add oneself, then what one can help with, and
 * the drawing to zoom in. */
import { dir, t, type MessageKey } from "../../i18n";
import { editPerson, joinGenogram } from "../../net/genogram";
import { KINSHIPS, type Kinship, type Person } from "../../schema.gen";
import { me } from "../../store/connection";
import { shownAllPersons, shownGenogramPersons } from "../../store/drawing";
import {
  kinBorn,
  kinHelp,
  kinSex,
  kinship,
  myHelp,
  personFormOf,
  yearOf,
} from "../../store/drawing-view";
import { writing } from "../../store/facilitation";
import { awaiting, check, fieldFixed } from "../../store/forms";
import { focusChild, relations } from "../../store/genogram";
import { mayNow } from "../../store/permissions";
import { myRole } from "../../store/role";
import { CarriedNotice } from "../carried";
import { GenogramSvg } from "./genogram-svg";
import { FieldError, Label, Refusal, fieldState, focusFirstRefused } from "../field-error";
import { BornField, SexField } from "./fields";
import { toPersonDraft } from "./words";

export function PhoneGenogram() {
  const myId = me.value?.participantId;
  const mine = shownAllPersons().find((person) => person.participant === myId);
  // Before the facilitator draws the child, the server draws them from the meeting's title.
  const child = focusChild();
  const sending = awaiting.value["kinship"] !== undefined;
  // In family time the family waits with the genogram until everyone is together again.
  const mayJoin = mayNow(myRole.value, "genogram.join", writing.value?.family ?? false);
  return (
    <section
      class="panel stack phone-genogram"
      aria-labelledby="phone-geno-title"
      data-testid="phone-genogram"
    >
      <h2 id="phone-geno-title">{t("geno.title")}</h2>
      <CarriedNotice />
      {mine ? (
        <MyHelp mine={mine} />
      ) : (
        <form
          class="stack stack--small"
          data-testid="kinship-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const form = event.currentTarget;
            const chosen = kinship.value;
            const errors: Record<string, MessageKey> = {};
            if (!chosen) errors["kinship"] = "geno.kinshipRequired";
            if (kinBorn.value.trim() && yearOf(kinBorn.value) === null) {
              errors["born"] = "person.yearShape";
            }
            if (!check("kinship", errors) || !chosen) {
              requestAnimationFrame(() => focusFirstRefused(form));
              return;
            }
            joinGenogram(
              chosen,
              yearOf(kinBorn.value),
              kinHelp.value,
              chosen === "anden" ? kinSex.value : null,
            );
          }}
        >
          <label class="field">
            <Label required>
              {child ? t("geno.iAm", { child: child.name }) : t("geno.iAmTheChilds")}
            </Label>
            <select
              class="select select--large"
              value={kinship.value}
              required
              data-testid="kinship"
              {...fieldState("kinship", "kinship")}
              onChange={(e) => {
                fieldFixed("kinship", "kinship");
                kinship.value = e.currentTarget.value as Kinship | "";
              }}
            >
              <option value="">{t("geno.choose")}</option>
              {KINSHIPS.map((kin) => (
                <option key={kin} value={kin}>
                  {t(`geno.kin.${kin}` as MessageKey)}
                </option>
              ))}
            </select>
            <FieldError form="kinship" field="kinship" />
          </label>
          {kinship.value === "anden" && (
            <SexField
              value={kinSex.value}
              onChange={(sex) => {
                kinSex.value = sex;
              }}
              large
            />
          )}
          <BornField
            form="kinship"
            label="geno.bornOptional"
            value={kinBorn.value}
            onInput={(born) => {
              kinBorn.value = born;
            }}
            testId="kinship-born"
          />
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
          <Refusal form="kinship" />
          {!mayJoin && (
            <p class="muted" id="kinship-later" data-testid="kinship-later">
              {t("geno.joinAfterFamilyTime")}
            </p>
          )}
          <button
            class="button button--primary button--large"
            disabled={sending || !mayJoin}
            aria-describedby={mayJoin ? undefined : "kinship-later"}
            data-testid="kinship-submit"
          >
            {sending ? t("form.sending") : t("geno.addMe")}
          </button>
        </form>
      )}
      {shownGenogramPersons().length > 0 && (
        <>
          <p class="muted">{t("geno.pinchHelp")}</p>
          <GenogramSvg
            persons={shownGenogramPersons()}
            relations={[...relations.value.values()]}
            title={t("geno.title")}
            testId="phone-genogram-svg"
            zoomable
            mirrored={dir() === "rtl"}
          />
        </>
      )}
    </section>
  );
}

/** After adding oneself: what one can help with, changeable from the phone. */
function MyHelp({ mine }: { mine: Person }) {
  const text = myHelp.value ?? mine.can_help ?? "";
  return (
    <form
      class="stack stack--small"
      data-testid="my-help-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (editPerson(mine.id, toPersonDraft({ ...personFormOf(mine), can_help: text }))) {
          myHelp.value = null;
        }
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

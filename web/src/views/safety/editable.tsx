/** One item of the plan on the facilitator's page: as it reads, with *Ret* and *Fjern*; while
 * it is being changed, its form in its place. Removing asks first, in the app's own dialog. */
import type { ComponentChildren } from "preact";
import { t } from "../../i18n";
import { deleteSafety } from "../../net/safety";
import type { SafetyContact, SafetyRule, WarningSign } from "../../schema.gen";
import { ask } from "../../store/dialog";
import { isEditing } from "../../store/safety";
import { ContactForm } from "./contact-form";
import { startEditing } from "./draft-form";
import { ItemBody } from "./parts";
import { RuleForm } from "./rule-form";
import { SignForm } from "./sign-form";

type Item = SafetyRule | WarningSign | SafetyContact;

function summary(item: Item): string {
  return item.type === "safety_contact" ? `${item.name} ${item.phone}` : item.text;
}

export function RemoveButton({ item, confirm }: { item: Item; confirm: boolean }) {
  return (
    <button
      type="button"
      class="button button--small"
      data-testid={`safety-remove-${item.id}`}
      onClick={() => {
        if (!confirm) {
          deleteSafety(item.id);
          return;
        }
        ask(
          t("safety.removeAsk", { text: summary(item) }),
          () => deleteSafety(item.id),
          "safety.remove",
        );
      }}
    >
      {t("safety.remove")}
    </button>
  );
}

function EditForm({ item }: { item: Item }) {
  const prefix = `edit-${item.id}`;
  if (item.type === "safety_rule") return <RuleForm prefix={prefix} rule={item} />;
  if (item.type === "safety_sign") return <SignForm prefix={prefix} sign={item} />;
  return <ContactForm prefix={prefix} contact={item} />;
}

export function EditableItem({
  item,
  testid,
  extra,
}: {
  item: Item;
  testid: string;
  extra?: string;
}) {
  const editing = isEditing(item.id);
  return (
    <li class={`safety-item${extra ? ` ${extra}` : ""}`} data-testid={testid}>
      {editing ? (
        <EditForm item={item} />
      ) : (
        <>
          <ItemBody item={item} />
          <Tools>
            <button
              type="button"
              class="button button--small"
              data-testid={`safety-edit-${item.id}`}
              aria-label={`${t("safety.edit")}: ${summary(item)}`}
              onClick={() => startEditing(item.id)}
            >
              {t("safety.edit")}
            </button>
            <RemoveButton item={item} confirm />
          </Tools>
        </>
      )}
    </li>
  );
}

function Tools({ children }: { children: ComponentChildren }) {
  return <div class="safety-item__actions">{children}</div>;
}

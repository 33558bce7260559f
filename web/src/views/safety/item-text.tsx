import { t, type MessageKey } from "../../i18n";
import type { FormName } from "../../store/forms";
import { FieldError, Label, fieldState } from "../field-error";

/** The required text of a rule or a warning sign: a short textarea that shows its refusal. */
export function ItemText({
  form,
  label,
  value,
  testId,
}: {
  form: FormName;
  label: MessageKey;
  value: string;
  testId: string;
}) {
  return (
    <label class="field">
      <Label required>{t(label)}</Label>
      <textarea
        name="text"
        class="textarea"
        rows={2}
        required
        maxLength={300}
        defaultValue={value}
        data-testid={testId}
        {...fieldState(form, "text")}
      />
      <FieldError form={form} field="text" />
    </label>
  );
}

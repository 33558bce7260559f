import { t, type MessageKey } from "../../i18n";
import { SEXES, type Sex } from "../../schema.gen";
import { fieldFixed, type FormName } from "../../store/forms";
import { FieldError, fieldState } from "../field-error";
import { sexKey } from "./words";

/** The choice of a person's sex in the genogram, in the phone's words. */
export function SexField({
  value,
  onChange,
  large = false,
  testId,
}: {
  value: Sex;
  onChange: (sex: Sex) => void;
  large?: boolean;
  testId?: string;
}) {
  return (
    <label class="field">
      <span>{t("geno.sex")}</span>
      <select
        class={large ? "select select--large" : "select"}
        value={value}
        data-testid={testId}
        onChange={(e) => onChange(e.currentTarget.value as Sex)}
      >
        {SEXES.map((sex) => (
          <option key={sex} value={sex}>
            {t(sexKey(sex))}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A year of birth, four digits at most, that shows its refusal and clears it when changed. */
export function BornField({
  form,
  label,
  value,
  onInput,
  narrow = false,
  testId,
}: {
  form: FormName;
  label: MessageKey;
  value: string;
  onInput: (born: string) => void;
  narrow?: boolean;
  testId: string;
}) {
  return (
    <label class="field">
      <span>{t(label)}</span>
      <input
        class={narrow ? "input input--year" : "input"}
        inputMode="numeric"
        maxLength={4}
        value={value}
        data-testid={testId}
        {...fieldState(form, "born")}
        onInput={(e) => {
          fieldFixed(form, "born");
          onInput(e.currentTarget.value);
        }}
      />
      <FieldError form={form} field="born" />
    </label>
  );
}

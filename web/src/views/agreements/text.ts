/** Agreements in words: dates as people read them, who does it, and when. */
import { locale, t } from "../../i18n";
import type { Agreement } from "../../schema.gen";
import { participants } from "../../store/entities";

/** A date (YYYY-MM-DD) or local time (YYYY-MM-DDTHH:MM) as people read it. */
export function shownDate(value: string): string {
  const withTime = value.includes("T");
  const [date, time] = value.split("T");
  const [year, month, day] = date!.split("-").map(Number);
  const [hour, minute] = (time ?? "00:00").split(":").map(Number);
  const when = new Date(year!, month! - 1, day!, hour!, minute!);
  return when.toLocaleString(locale(), {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    ...(withTime ? { hour: "2-digit", minute: "2-digit" } : {}),
  });
}

export function whoText(agreement: Agreement): string {
  const names = (agreement.who_participants ?? [])
    .map((id) => participants.value.get(id)?.name)
    .filter((name): name is string => Boolean(name));
  names.push(...(agreement.who_names ?? []));
  if (agreement.who_municipality) names.push(t("agr.municipality"));
  return names.join(", ");
}

/** When, in words; an agreement with neither date nor time runs on (løbende) to the next
 * meeting, where it is followed up. */
export function whenText(agreement: Agreement): string {
  const when = [agreement.when_date ? shownDate(agreement.when_date) : "", agreement.when_text]
    .filter(Boolean)
    .join(", ");
  return when || t("agr.ongoing");
}

/** The notice that a follow-up meeting's drawing was brought over from an earlier meeting. */
import { locale, t } from "../i18n";
import { carriedDrawing } from "../store/followup";

export function heldOn(seconds: number): string {
  return new Date(seconds * 1000).toLocaleDateString(
    locale(),
    {
      day: "numeric",
      month: "long",
      year: "numeric",
    },
  );
}

/** Says where the drawing came from; nothing in a meeting that drew its own. */
export function CarriedNotice({ help = false }: { help?: boolean }) {
  const carried = carriedDrawing.value;
  if (!carried) return null;
  return (
    <p class="notice-line carried-notice" data-testid="carried-drawing">
      {t("followup.drawingCarried", { date: heldOn(carried.held_at) })}
      {help && <> {t("followup.drawingCarriedHelp")}</>}
    </p>
  );
}

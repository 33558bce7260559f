/** The room's screen: the question and the count, then the spread once revealed. */
import { t } from "../../i18n";
import type { Scale } from "../../schema.gen";
import { ScaleCount, ScaleSpread, Anchors, FollowUpNotes } from "./parts";

/** On the room's screen instead of the board: the question and the count, then the spread. */
export function ScreenScale({ scale }: { scale: Scale }) {
  return (
    <section
      class={`screen-scale${scale.status === "revealed" ? " screen-scale--revealed" : ""}`}
      aria-labelledby="screen-scale-question"
      data-testid="screen-scale"
    >
      <h2 id="screen-scale-question" class="screen-scale__question">
        {scale.question}
      </h2>
      {scale.tied_to && (
        <p class="screen-scale__tied">{t("scale.tiedShown", { text: scale.tied_to })}</p>
      )}
      {scale.kind === "number" && <Anchors scale={scale} />}
      <ScaleCount scale={scale} />
      {scale.status === "revealed" ? (
        <>
          <ScaleSpread scale={scale} large />
          <FollowUpNotes scale={scale} fitted />
        </>
      ) : (
        <p class="screen-scale__wait">
          {scale.status === "open" ? t("scale.status.open") : t("scale.status.closed")}
        </p>
      )}
    </section>
  );
}

/** How notes are written now: privately until revealed, anonymously, and family time. */
import { useState } from "preact/hooks";
import { t } from "../../i18n";
import {
  revealNotes,
  setAnonymous,
  startFamilyTime,
  startPrivateWriting,
} from "../../net/facilitation";
import type { ColumnKey } from "../../schema.gen";
import { meeting } from "../../store/entities";
import { writing } from "../../store/facilitation";

export function WritingPanel() {
  const now = writing.value;
  const columns = meeting.value?.columns ?? [];
  const [column, setColumn] = useState<ColumnKey | "">("");
  return (
    <section
      class="panel stack stack--small"
      aria-labelledby="writing-title"
      data-testid="writing-panel"
    >
      <h3 id="writing-title">{t("writing.title")}</h3>
      {now?.private ? (
        <>
          <p role="status" data-testid="writing-active">
            {t("writing.active")}
          </p>
          <button
            type="button"
            class="button button--primary"
            data-testid="writing-reveal"
            onClick={() => revealNotes()}
          >
            {t("writing.reveal")}
          </button>
        </>
      ) : (
        <div class="row">
          <select
            class="select select--small"
            aria-label={t("writing.column")}
            value={column}
            data-testid="writing-column"
            onChange={(event) => setColumn(event.currentTarget.value as ColumnKey | "")}
          >
            <option value="">{t("writing.anyColumn")}</option>
            {columns.map((each) => (
              <option key={each} value={each}>
                {t(`column.${each}`)}
              </option>
            ))}
          </select>
          <button
            type="button"
            class="button"
            data-testid="writing-start"
            onClick={() => startPrivateWriting(column || null)}
          >
            {t("writing.start")}
          </button>
        </div>
      )}
      <label class="switch">
        <input
          type="checkbox"
          checked={now?.anonymous ?? false}
          data-testid="writing-anonymous"
          onChange={(event) => setAnonymous(event.currentTarget.checked)}
        />
        <span>{t("writing.anonymous")}</span>
      </label>
      <h3>{t("family.title")}</h3>
      {now?.family ? (
        <p role="status" data-testid="family-active">
          {t("family.active")}
        </p>
      ) : (
        <button
          type="button"
          class="button"
          data-testid="family-start"
          onClick={() => startFamilyTime()}
        >
          {t("family.start")}
        </button>
      )}
    </section>
  );
}

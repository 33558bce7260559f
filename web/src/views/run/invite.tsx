/** Inviting people: the join QR code, the code for /j, the link to copy, and the screen's link. */
import { t } from "../../i18n";
import { copyText } from "../../net/account";
import { copied, meetingDetail } from "../../store/account";
import { groupCode, Qr } from "../qr";

export function Invite() {
  const detail = meetingDetail.value;
  if (!detail) return null;
  const { join_url, join_code, join_qr_svg, screen_url } = detail.links;
  return (
    <section class="panel stack" aria-labelledby="invite-title">
      <h2 id="invite-title">{t("fac.invite")}</h2>
      <div class="invite">
        <Qr svg={join_qr_svg} alt={t("fac.qrAlt")} testId="join-qr" />
        <div class="stack stack--small">
          <p class="invite__label">{t("fac.code")}</p>
          <p class="invite__code" data-testid="join-code">
            {groupCode(join_code)}
          </p>
        </div>
      </div>
      <p class="muted">{t("fac.codeHelp", { url: `${location.host}/j` })}</p>
      <label class="field">
        <span>{t("fac.joinLink")}</span>
        <div class="row row--tight">
          <input
            class="input"
            readOnly
            value={join_url}
            data-testid="join-link"
            onFocus={(event) => event.currentTarget.select()}
          />
          <button
            type="button"
            class="button"
            data-testid="copy-link"
            onClick={() => void copyText(join_url)}
          >
            {copied.value ? t("fac.copied") : t("fac.copy")}
          </button>
        </div>
      </label>
      <div class="stack stack--small">
        <p class="invite__label">{t("fac.screen")}</p>
        <a
          class="button button--primary"
          href={screen_url}
          target="_blank"
          rel="noopener noreferrer"
          data-testid="screen-link"
        >
          {t("fac.openScreen")}
        </a>
      </div>
    </section>
  );
}

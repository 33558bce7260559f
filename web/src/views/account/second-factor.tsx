/** The second factor on the start page: enrol a passkey (or an authenticator app) at the first
 * sign-in, give it at every sign-in after, and note the recovery codes once. */
import { t } from "../../i18n";
import type { Method } from "../../net/api";
import { supported } from "../../net/passkeys";
import {
  codesNoted,
  confirmTotp,
  enrolPasskey,
  signInWithCode,
  signInWithPasskey,
  signInWithRecovery,
  startTotp,
} from "../../net/second-factor";
import { busy } from "../../store/account";
import { factorChoice, recoveryCodes, totpSetup } from "../../store/second-factor";
import { FormError } from "../chrome";
import { fields, text } from "../form";
import { Qr } from "../qr";
import "./account.css";

const CODE_ERRORS = { invalid: "factor.wrongCode", not_allowed: "factor.wrongCode" } as const;

export function Enrol({ email }: { email: string }) {
  const setup = totpSetup.value;
  return (
    <section class="panel stack" data-testid="enrol">
      <h2>{t("factor.enrolTitle")}</h2>
      <p>{t("factor.enrolIntro", { email })}</p>
      {supported() && (
        <div class="stack stack--small">
          <button
            type="button"
            class="button button--primary"
            disabled={busy.value}
            data-testid="enrol-passkey"
            onClick={() => void enrolPasskey()}
          >
            {t("factor.enrolPasskey")}
          </button>
          <p class="muted">{t("factor.passkeyHelp")}</p>
          <FormError form="passkey" special={{ not_allowed: "factor.passkeyFailed" }} />
        </div>
      )}
      {setup === null ? (
        <button
          type="button"
          class="button"
          disabled={busy.value}
          data-testid="enrol-totp"
          onClick={() => void startTotp()}
        >
          {t("factor.enrolTotp")}
        </button>
      ) : (
        <form
          class="stack"
          data-testid="totp-enrol-form"
          onSubmit={(event) => void confirmTotp(text(fields(event), "code"))}
        >
          <p>{t("factor.scan")}</p>
          <Qr svg={setup.qr_svg} alt={t("factor.qrAlt")} testId="totp-qr" />
          <p class="muted">
            {t("factor.secret")} <code data-testid="totp-secret">{setup.secret}</code>
          </p>
          <CodeField testId="totp-enrol-code" />
          <FormError form="totp" special={CODE_ERRORS} />
          <button class="button button--primary" disabled={busy.value} data-testid="totp-confirm">
            {t("factor.confirm")}
          </button>
        </form>
      )}
    </section>
  );
}

export function SecondFactor({ methods }: { methods: readonly Method[] }) {
  const choice = methods.includes(factorChoice.value)
    ? factorChoice.value
    : (methods.find((method) => method !== "recovery") ?? "recovery");
  return (
    <section class="panel stack" data-testid="second-factor">
      <h2>{t("factor.title")}</h2>
      {choice === "passkey" && (
        <div class="stack stack--small">
          <button
            type="button"
            class="button button--primary"
            disabled={busy.value}
            data-testid="passkey-sign-in"
            onClick={() => void signInWithPasskey()}
          >
            {t("factor.usePasskey")}
          </button>
          <FormError form="passkey" special={{ not_allowed: "factor.passkeyFailed" }} />
        </div>
      )}
      {choice === "totp" && (
        <form
          class="stack"
          data-testid="totp-form"
          onSubmit={(event) => void signInWithCode(text(fields(event), "code"))}
        >
          <CodeField testId="totp-code" />
          <FormError form="totp" special={CODE_ERRORS} />
          <button class="button button--primary" disabled={busy.value} data-testid="totp-submit">
            {t("factor.signIn")}
          </button>
        </form>
      )}
      {choice === "recovery" && (
        <form
          class="stack"
          data-testid="recovery-form"
          onSubmit={(event) => void signInWithRecovery(text(fields(event), "code"))}
        >
          <label class="field">
            <span>{t("factor.recoveryCode")}</span>
            <input name="code" required autoComplete="off" data-testid="recovery-code" />
          </label>
          <FormError form="recovery" special={{ not_allowed: "factor.recoveryFailed" }} />
          <button class="button button--primary" disabled={busy.value} data-testid="recovery-submit">
            {t("factor.signIn")}
          </button>
        </form>
      )}
      <div class="row row--tight">
        {methods
          .filter((method) => method !== choice)
          .map((method) => (
            <button
              type="button"
              class="button button--small"
              key={method}
              data-testid={`factor-${method}`}
              onClick={() => {
                factorChoice.value = method;
              }}
            >
              {t(`factor.choose.${method}`)}
            </button>
          ))}
      </div>
    </section>
  );
}

function CodeField({ testId }: { testId: string }) {
  return (
    <label class="field">
      <span>{t("factor.code")}</span>
      <input
        name="code"
        required
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9 ]{6,7}"
        maxLength={7}
        data-testid={testId}
      />
    </label>
  );
}

export function RecoveryCodes() {
  const noted = recoveryCodes.value;
  if (!noted) return null;
  return (
    <section class="panel stack" data-testid="recovery-codes">
      <h2>{t("factor.codesTitle")}</h2>
      <p>{t("factor.codesIntro")}</p>
      <ul class="recovery-codes">
        {noted.codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <button
        type="button"
        class="button button--primary"
        data-testid="codes-noted"
        onClick={() => void codesNoted()}
      >
        {t("factor.codesNoted")}
      </button>
    </section>
  );
}

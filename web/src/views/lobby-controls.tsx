/** The facilitator's answers to a flood of joins: turn everyone waiting away in one action, and
 * renew the join link and code (the old ones stop working; the screen shows the new ones). */
import { t } from "../i18n";
import { renewJoin } from "../net/account";
import { rejectWaiting } from "../net/actions";
import { busy, joinRenewed } from "../store/account";
import { ask } from "../store/dialog";
import { FormError } from "./chrome";

export function LobbyControls({ meetingId, waiting }: { meetingId: string; waiting: number }) {
  return (
    <div class="lobby-controls stack" data-testid="lobby-controls">
      <div class="row">
        <button
          type="button"
          class="button"
          disabled={waiting === 0}
          data-testid="reject-waiting"
          onClick={() => {
            ask(t("lobby.rejectAllConfirm", { count: waiting }), () => void rejectWaiting());
          }}
        >
          {t("lobby.rejectAll", { count: waiting })}
        </button>
        <button
          type="button"
          class="button"
          disabled={busy.value}
          data-testid="renew-join"
          onClick={() => {
            ask(t("lobby.renewConfirm"), () => void renewJoin(meetingId), "dialog.yes", false);
          }}
        >
          {t("lobby.renew")}
        </button>
      </div>
      <FormError form="renew" />
      {joinRenewed.value && (
        <p class="muted" role="status" data-testid="join-renewed">
          {t("lobby.renewed")}
        </p>
      )}
    </div>
  );
}

/** A phone's way in: code → join token → meeting info → (stored token or the form) → socket. */
import type { ParticipantRole } from "../schema.gen";
import { busy, formError } from "../store/account";
import { joinStep } from "../store/joining";
import { navigate } from "../store/route";
import { giveBackText, persistDraft } from "../store/ui";
import * as api from "./api";
import { openLive } from "./live";
import { forgetMembership, loadMembership, saveMembership, type Membership } from "./tokens";

let leave: (() => void) | null = null;

/** Leave whatever meeting this tab is in (the view unmounts). */
export function leaveMeeting(): void {
  leave?.();
  leave = null;
}

function enter(meetingId: string, title: string, membership: Membership): void {
  leaveMeeting();
  joinStep.value = { kind: "meeting", meetingId, title };
  const stopLive = openLive({
    auth: { participant_token: membership.token },
    meetingId,
    participantId: membership.participantId,
    onEnded: (why) => {
      forgetMembership(meetingId);
      joinStep.value = { kind: "gone", why: why.code === "deleted" ? "deleted" : why.reason };
    },
    onRefused: giveBackText,
  });
  const stopDraft = persistDraft(`${meetingId}.${membership.participantId}`);
  leave = () => {
    stopDraft();
    stopLive();
  };
}

/** Start from a join token (from the link's fragment, or from a code). */
export async function startJoin(joinToken: string): Promise<void> {
  if (!joinToken) {
    joinStep.value = { kind: "code" };
    return;
  }
  joinStep.value = { kind: "loading" };
  let info: { meeting_id: string; title: string; closed?: boolean };
  try {
    info = await api.joinInfo(joinToken);
  } catch (error) {
    if (error instanceof api.ApiError && error.code === "not_found") {
      joinStep.value = { kind: "gone", why: "link" };
    } else {
      joinStep.value = { kind: "code" };
      formError.value = {
        form: "code",
        code: error instanceof api.ApiError ? error.code : "unknown",
      };
    }
    return;
  }
  const membership = loadMembership(info.meeting_id);
  if (membership) enter(info.meeting_id, info.title, membership);
  else if (info.closed) joinStep.value = { kind: "gone", why: "closed" };
  else joinStep.value = { kind: "form", joinToken, meetingId: info.meeting_id, title: info.title };
}

export async function submitCode(code: string): Promise<void> {
  const digits = code.replace(/\D/g, "");
  busy.value = true;
  formError.value = null;
  try {
    const { join_token } = await api.joinByCode(digits);
    // Put the token in the address so a reload continues from here.
    navigate(`/j#${join_token}`, true);
  } catch (error) {
    const found = error instanceof api.ApiError ? error.code : "unknown";
    formError.value = { form: "code", code: found === "not_found" ? "code_wrong" : found };
  } finally {
    busy.value = false;
  }
}

export async function submitJoin(details: {
  name: string;
  role: ParticipantRole;
  relation: string;
  remote: boolean;
}): Promise<void> {
  const step = joinStep.peek();
  if (step.kind !== "form") return;
  busy.value = true;
  formError.value = null;
  try {
    const joined = await api.join({ join_token: step.joinToken, ...details }, step.meetingId);
    const membership = { token: joined.participant_token, participantId: joined.participant_id };
    saveMembership(joined.meeting_id, membership);
    enter(joined.meeting_id, step.title, membership);
  } catch (error) {
    formError.value =
      error instanceof api.ApiError
        ? { form: "join", code: error.code, say: error.say, params: error.params }
        : { form: "join", code: "unknown" };
  } finally {
    busy.value = false;
  }
}

/** After being turned away: start over with a code. */
export function joinAgain(): void {
  leaveMeeting();
  formError.value = null;
  joinStep.value = { kind: "code" };
  navigate("/j", true);
}

/** A meeting as the device's role lets it take part: a participant's panels (on a phone, and on
 * the laptop of a facilitator who handed the role on), or, for a participant the role was
 * handed to, the facilitator's panels on the phone. */
import { meeting } from "../store/entities";
import { leading } from "../store/role";
import { PhoneAgreements, PhoneClosed, PhoneReadback } from "./agreements/phone";
import { lazy } from "./lazy";
import { PhoneBoard } from "./phone";
import { FamilyWait, PhoneRunning, waitingForFamily } from "./phone-running";
import { PhoneScale } from "./scaling/phone";

/** The genogram brings its layout library along: fetched once the phone is in the meeting. */
const PhoneGenogram = lazy(() => import("./genogram/phone").then((m) => m.PhoneGenogram));
/** The facilitator's panels, fetched only by the phone that was handed the role. */
const PhoneLead = lazy(() => import("./phone-lead").then((m) => m.PhoneLead));

export function TakingPart() {
  const status = meeting.value?.status;
  if (status === "closed") return <PhoneClosed />;
  if (waitingForFamily()) return <FamilyWait />;
  return (
    <div class="stack">
      <PhoneRunning />
      {leading.value ? (
        <PhoneLead meetingId={meeting.value?.id ?? ""} />
      ) : (
        <>
          {status === "readback" && <PhoneReadback />}
          <PhoneScale />
          <PhoneBoard />
          <PhoneAgreements />
          <PhoneGenogram />
        </>
      )}
    </div>
  );
}

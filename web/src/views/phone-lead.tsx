/** The phone of a participant the facilitator role was handed to: the facilitator's own panels
 * (the board with moderation, scaling, agreements and closing, the genogram), on the same
 * participant link. The agenda, the word and the lobby come with `PhoneRunning`. The case's
 * scaling history and the referat are left out: they are read over HTTP with the facilitator's
 * sign-in, which a phone does not have. */
import { AgreementsPanel } from "./agreements/facilitator";
import { Board } from "./board";
import { DrawingsPanel } from "./genogram/facilitator";
import { FacilitatorScaling } from "./scaling/facilitator";

export function PhoneLead({ meetingId }: { meetingId: string }) {
  return (
    <div class="stack phone-lead" data-testid="phone-lead">
      <Board />
      <FacilitatorScaling caseId={null} />
      <AgreementsPanel meetingId={meetingId} />
      <DrawingsPanel />
    </div>
  );
}

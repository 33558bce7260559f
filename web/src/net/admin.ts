/** The admin's actions over HTTP: teams, invitations, (de)activating accounts, the whole log;
 * and taking up an invitation. */
import type { Role } from "./api";
import * as api from "./api";
import { adminOverview, installationLog, invitation, lastInvitation } from "../store/admin";
import { session } from "../store/account";
import { navigate } from "../store/route";
import { run } from "./account";

export async function loadAdmin(): Promise<void> {
  await run("admin", async () => {
    const [overview, log, me] = await Promise.all([
      api.getAdmin(),
      api.getAdminAuditLog(),
      api.getSession(),
    ]);
    adminOverview.value = overview;
    installationLog.value = log.entries;
    // Opened directly: the admin's own account offers no deactivation.
    session.value = me;
  });
}

export async function newTeam(name: string): Promise<void> {
  await run("team", async () => {
    await api.createTeam(name);
    adminOverview.value = await api.getAdmin();
  });
}

export async function inviteFacilitator(email: string, teamId: string, role: Role) {
  await run("invite", async () => {
    const made = await api.invite(email, teamId, role);
    lastInvitation.value = { ...made, email };
    installationLog.value = (await api.getAdminAuditLog()).entries;
  });
}

export async function setAccountActive(userId: string, active: boolean): Promise<void> {
  await run("accounts", async () => {
    await api.setActive(userId, active);
    const [overview, log] = await Promise.all([api.getAdmin(), api.getAdminAuditLog()]);
    adminOverview.value = overview;
    installationLog.value = log.entries;
  });
}

export async function loadInvitation(token: string): Promise<void> {
  invitation.value = null;
  await run("invitation", async () => {
    invitation.value = await api.invitationInfo(token);
  });
}

/** The account is made; its second factor is enrolled next, on the start page. */
export async function acceptInvitation(token: string, name: string, password: string) {
  await run("accept", async () => {
    await api.acceptInvitation(token, name, password);
    session.value = await api.getSession();
    navigate("/", true);
  });
}

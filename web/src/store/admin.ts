/** The admin's page: teams and accounts, the invitation link just made, the whole log. */
import { signal } from "@preact/signals";
import type { AdminOverview, AuditEntry, Invitation, InvitationInfo } from "../net/api";

/** null while loading. */
export const adminOverview = signal<AdminOverview | null>(null);
/** The link the admin just made, to pass on to the invited person; shown once. */
export const lastInvitation = signal<(Invitation & { email: string }) | null>(null);
export const installationLog = signal<readonly AuditEntry[] | null>(null);
/** What the invitation at /invitation#… is for; null while loading or when it is gone. */
export const invitation = signal<InvitationInfo | null>(null);

/** The second factor while signing in: the app's secret being enrolled, the recovery codes
 * to show once, and which way of giving it is open. */
import { signal } from "@preact/signals";
import type { TotpSetup, User } from "../net/api";

export const totpSetup = signal<TotpSetup | null>(null);
/** Shown once after the first enrolment, with the user to sign in when they are noted. */
export const recoveryCodes = signal<{ codes: string[]; user: User | null } | null>(null);
export const factorChoice = signal<"passkey" | "totp" | "recovery">("passkey");

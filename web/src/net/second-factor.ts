/** The second factor over HTTP: enrol a passkey or an authenticator app, or finish signing in
 * with one of them or a recovery code. */
import * as api from "./api";
import { createPasskey, usePasskey } from "./passkeys";
import { recoveryCodes, totpSetup } from "../store/second-factor";
import { run, signedIn } from "./account";

async function done(answer: api.SignedIn): Promise<void> {
  totpSetup.value = null;
  if (answer.recovery_codes.length > 0) {
    // Shown once; signed in when the person says they have noted them.
    recoveryCodes.value = { codes: answer.recovery_codes, user: answer.user };
    return;
  }
  await signedIn(answer.user);
}

export async function enrolPasskey(): Promise<void> {
  await run("passkey", async () => {
    const options = await api.passkeyRegisterOptions();
    let credential: unknown;
    try {
      credential = await createPasskey(options);
    } catch {
      throw new api.ApiError("not_allowed", 0);
    }
    await done(await api.passkeyRegister(credential));
  });
}

export async function startTotp(): Promise<void> {
  await run("totp", async () => {
    totpSetup.value = await api.newTotp();
  });
}

export async function confirmTotp(code: string): Promise<void> {
  await run("totp", async () => {
    await done(await api.confirmTotp(code));
  });
}

export async function signInWithPasskey(): Promise<void> {
  await run("passkey", async () => {
    const options = await api.passkeyOptions();
    let credential: unknown;
    try {
      credential = await usePasskey(options);
    } catch {
      throw new api.ApiError("not_allowed", 0);
    }
    await done(await api.passkeySignIn(credential));
  });
}

export async function signInWithCode(code: string): Promise<void> {
  await run("totp", async () => {
    await done(await api.totpSignIn(code));
  });
}

export async function signInWithRecovery(code: string): Promise<void> {
  await run("recovery", async () => {
    await done(await api.recoverySignIn(code));
  });
}

export async function codesNoted(): Promise<void> {
  const noted = recoveryCodes.value;
  recoveryCodes.value = null;
  if (noted) await signedIn(noted.user);
}

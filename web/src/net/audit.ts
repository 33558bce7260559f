/** Load the signed-in facilitator's audit log. */
import { auditEntries, auditFailed } from "../store/audit";
import { getAuditLog } from "./api";

export async function loadAuditLog(): Promise<void> {
  try {
    auditEntries.value = (await getAuditLog()).entries;
    auditFailed.value = false;
  } catch {
    auditFailed.value = true;
  }
}

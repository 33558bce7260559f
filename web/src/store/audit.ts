/** The facilitator's audit log as last loaded: null until it is asked for. */
import { signal } from "@preact/signals";
import type { AuditEntry } from "../net/api";

export const auditEntries = signal<readonly AuditEntry[] | null>(null);
export const auditFailed = signal(false);

/** What each role may do, as the server's permission table says (it comes with the first
 * welcome): the views ask here instead of keeping rules of their own. */
import { signal } from "@preact/signals";
import type { Intent, Permission, Role } from "../schema.gen";

export type PermissionTable = Readonly<Record<string, Permission | undefined>>;

export const permissionTable = signal<PermissionTable>({});

/** Keep the table a welcome brings; a welcome without one keeps the table there is. */
export function learnPermissions(table: PermissionTable | null | undefined): void {
  if (table) permissionTable.value = table;
}

type Sender = Role | "screen" | null;

/** Whether this role may send this intent at all (about anyone's, or about its own). */
export function mayEver(
  role: Sender,
  type: Intent["type"],
  table: PermissionTable = permissionTable.value,
): boolean {
  const row = table[type];
  if (!row || !role || role === "screen") return false;
  return row.roles.includes(role) || (row.own ?? []).includes(role);
}

/** True when this role may send nothing at all in family time: it waits for the family. */
export function waitsInFamilyTime(
  role: Sender,
  table: PermissionTable = permissionTable.value,
): boolean {
  if (!role || role === "screen") return false;
  const rows = Object.values(table);
  return rows.length > 0 && !rows.some((row) => (row?.family_time ?? []).includes(role));
}

/** Whether this role may send this intent now: in family time only the row's `family_time`
 * roles may (the family waits with some things until everyone is together again). */
export function mayNow(
  role: Sender,
  type: Intent["type"],
  familyTime: boolean,
  table: PermissionTable = permissionTable.value,
): boolean {
  if (!role || role === "screen" || !mayEver(role, type, table)) return false;
  return !familyTime || (table[type]?.family_time ?? []).includes(role);
}

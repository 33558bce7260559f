import { afterEach, describe, expect, it } from "vitest";
import {
  learnPermissions,
  mayEver,
  mayNow,
  permissionTable,
  waitsInFamilyTime,
  type PermissionTable,
} from "./permissions";

/** Three rows as the server's welcome sends them. */
const TABLE: PermissionTable = {
  "card.add": {
    roles: ["facilitator", "fagperson", "familie", "privat", "raadgiver"],
    family_time: ["facilitator", "familie", "privat"],
  },
  "card.edit": {
    roles: ["facilitator"],
    own: ["facilitator", "fagperson", "familie", "privat", "raadgiver"],
    family_time: ["facilitator", "familie", "privat"],
  },
  "scale.vote": {
    roles: ["fagperson", "familie", "privat", "raadgiver"],
    family_time: ["familie", "privat"],
  },
  "genogram.join": { roles: ["fagperson", "familie", "privat", "raadgiver"] },
  "family.release": { roles: ["familie", "privat"], family_time: ["familie", "privat"] },
};

afterEach(() => {
  permissionTable.value = {};
});

describe("the permission table from the server", () => {
  it("lets a role do what its row names, about its own or anyone's", () => {
    expect(mayEver("privat", "scale.vote", TABLE)).toBe(true);
    expect(mayEver("facilitator", "scale.vote", TABLE)).toBe(false);
    expect(mayEver("familie", "card.edit", TABLE)).toBe(true);
    expect(mayEver("familie", "family.release", TABLE)).toBe(true);
    expect(mayEver("raadgiver", "family.release", TABLE)).toBe(false);
  });

  it("lets the screen, an unknown role and an intent without a row do nothing", () => {
    expect(mayEver("screen", "card.add", TABLE)).toBe(false);
    expect(mayEver(null, "card.add", TABLE)).toBe(false);
    expect(mayEver("facilitator", "meeting.close", TABLE)).toBe(false);
  });

  it("in family time has the professionals wait: no row lets them do anything", () => {
    expect(waitsInFamilyTime("fagperson", TABLE)).toBe(true);
    expect(waitsInFamilyTime("raadgiver", TABLE)).toBe(true);
    expect(waitsInFamilyTime("privat", TABLE)).toBe(false);
    expect(waitsInFamilyTime("facilitator", TABLE)).toBe(false);
  });

  it("waits for nobody before the table has come", () => {
    expect(waitsInFamilyTime("fagperson")).toBe(false);
    expect(mayEver("privat", "scale.vote")).toBe(false);
  });

  it("keeps the table a welcome brings, and keeps it through a welcome without one", () => {
    learnPermissions(TABLE);
    learnPermissions(undefined);
    learnPermissions(null);
    expect(mayEver("privat", "scale.vote")).toBe(true);
  });

  it("in family time lets only the row's family-time roles send it now", () => {
    // The family waits with the genogram until everyone is together again.
    expect(mayNow("familie", "genogram.join", false, TABLE)).toBe(true);
    expect(mayNow("familie", "genogram.join", true, TABLE)).toBe(false);
    expect(mayNow("privat", "scale.vote", true, TABLE)).toBe(true);
    expect(mayNow("fagperson", "scale.vote", true, TABLE)).toBe(false);
    expect(mayNow("fagperson", "scale.vote", false, TABLE)).toBe(true);
    expect(mayNow("facilitator", "genogram.join", false, TABLE)).toBe(false);
    expect(mayNow("screen", "card.add", false, TABLE)).toBe(false);
    expect(mayNow(null, "card.add", false, TABLE)).toBe(false);
  });
});

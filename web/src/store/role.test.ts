import { describe, expect, it } from "vitest";
import type { Participant } from "../schema.gen";
import type { Me } from "./connection";
import { roleIn } from "./role";

function person(id: string, role: Participant["role"]): Participant {
  return {
    type: "participant",
    id,
    name: id === "louise" ? "Louise" : "Mette",
    role,
    relation: "",
    remote: false,
    admitted: true,
    joined_at: 1,
  } as Participant;
}

const louiseSignedIn: Me = {
  meetingId: "m1",
  participantId: "louise",
  role: "facilitator",
  admitted: true,
};

describe("roleIn", () => {
  it("is nothing before the device is welcomed", () => {
    expect(roleIn(null, new Map())).toBeNull();
  });

  it("is the welcome's role until the state names the participant", () => {
    expect(roleIn(louiseSignedIn, new Map())).toBe("facilitator");
  });

  it("follows the state after a handoff, though the device signed in as facilitator", () => {
    const people = new Map([
      ["louise", person("louise", "fagperson")],
      ["mette", person("mette", "facilitator")],
    ]);
    expect(roleIn(louiseSignedIn, people)).toBe("fagperson");
    const mettesPhone: Me = { ...louiseSignedIn, participantId: "mette", role: "fagperson" };
    expect(roleIn(mettesPhone, people)).toBe("facilitator");
  });

  it("is the screen for the room's screen, which has no participant", () => {
    const screen: Me = { meetingId: "m1", participantId: null, role: "screen", admitted: true };
    expect(roleIn(screen, new Map([["louise", person("louise", "facilitator")]]))).toBe("screen");
  });
});

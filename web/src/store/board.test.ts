import { describe, expect, it } from "vitest";
import type { Intent } from "../schema.gen";
import { ELSE, HANNE, card } from "../test/meeting";
import { byOrder, layout } from "./board";

const COLUMNS = ["worries", "works", "next"] as const;

function texts(board: ReturnType<typeof layout>, column: (typeof COLUMNS)[number]): string[] {
  return (board.get(column) ?? []).map((item) => item.text);
}

describe("card order", () => {
  it("sorts by order key as plain code units, not by locale", () => {
    // localeCompare would put "a" before "B"; code units put "B" (0x42) before "a" (0x61).
    const board = layout(
      [
        card("c1", "works", "tredje", "a"),
        card("c2", "works", "anden", "B"),
        card("c3", "works", "første", "A"),
        card("c4", "works", "fjerde", "aV"),
      ],
      COLUMNS,
      [],
      null,
    );
    expect(texts(board, "works")).toEqual(["første", "anden", "tredje", "fjerde"]);
  });

  it("breaks ties by id", () => {
    expect(byOrder({ order: "a0", id: "b" }, { order: "a0", id: "a" })).toBe(1);
    expect(byOrder({ order: "a0", id: "a" }, { order: "a0", id: "b" })).toBe(-1);
  });

  it("puts every card in its own column and gives empty columns an empty list", () => {
    const board = layout([card("c1", "worries", "Bekymret for søvnen", "a0")], COLUMNS, [], null);
    expect(texts(board, "worries")).toEqual(["Bekymret for søvnen"]);
    expect(texts(board, "next")).toEqual([]);
  });
});

describe("pending intents over the board", () => {
  const server = [
    card("c1", "works", "Mormor henter", "a0"),
    card("c2", "works", "Fodbold om onsdagen", "a1"),
    card("c3", "next", "Ring til skolen", "a0"),
  ];

  it("shows a note still on its way at the end of its column, marked as sending", () => {
    const pending: Intent[] = [
      {
        type: "card.add",
        id: "op000001",
        card_id: "new1",
        column: "works",
        text: "Else kan hjælpe",
      },
    ];
    const column = layout(server, COLUMNS, pending, ELSE.id).get("works")!;
    expect(column.at(-1)).toMatchObject({ id: "new1", pending: "add", author: ELSE.id });
  });

  it("stops showing the pending note once the server's card has arrived", () => {
    const pending: Intent[] = [
      {
        type: "card.add",
        id: "op000001",
        card_id: "c2",
        column: "works",
        text: "Fodbold om onsdagen",
      },
    ];
    expect(layout(server, COLUMNS, pending, ELSE.id).get("works")).toHaveLength(2);
  });

  it("moves, edits and deletes as the intents say, before the server confirms", () => {
    const pending: Intent[] = [
      { type: "card.move", id: "op000001", card_id: "c3", column: "works", after: "c1" },
      { type: "card.edit", id: "op000002", card_id: "c1", text: "Mormor henter tirsdag" },
      { type: "card.delete", id: "op000003", card_id: "c2" },
    ];
    const board = layout(server, COLUMNS, pending, HANNE.id);
    expect(texts(board, "works")).toEqual(["Mormor henter tirsdag", "Ring til skolen"]);
    expect(texts(board, "next")).toEqual([]);
  });

  it("moves a card first when after is null", () => {
    const pending: Intent[] = [
      { type: "card.move", id: "op000001", card_id: "c2", column: "works", after: null },
    ];
    expect(texts(layout(server, COLUMNS, pending, HANNE.id), "works")).toEqual([
      "Fodbold om onsdagen",
      "Mormor henter",
    ]);
  });
});

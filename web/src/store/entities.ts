/** The meeting as this client last heard it: entity maps by id, and the seq they are at. */
import { batch, signal } from "@preact/signals";
import type {
  Agreement,
  Card,
  CarriedDrawing,
  Change,
  Confirmation,
  Entity,
  Meeting,
  Participant,
  Person,
  Relation,
  ScreenView,
} from "../schema.gen";
import { isRunning, putRunning, replaceRunning } from "./facilitation";
import { carriedDrawing } from "./followup";
import { persons, relations, screenView } from "./genogram";
import { clearSafety, dropSafety, isSafety, putSafety } from "./safety";
import { clearScaling, dropScaling, putScaling } from "./scaling";

export const meeting = signal<Meeting | null>(null);
export const participants = signal<ReadonlyMap<string, Participant>>(new Map());
export const cards = signal<ReadonlyMap<string, Card>>(new Map());
export const agreements = signal<ReadonlyMap<string, Agreement>>(new Map());
/** Answers to the read-back, by participant id. */
export const confirmations = signal<ReadonlyMap<string, Confirmation>>(new Map());
export const lastSeq = signal(0);

/** Apply the changes of one op: an upsert replaces the entity with that id, a remove deletes it. */
export function apply(changes: readonly Change[]): void {
  let nextMeeting = meeting.peek();
  let nextParticipants: Map<string, Participant> | null = null;
  let nextCards: Map<string, Card> | null = null;
  let nextAgreements: Map<string, Agreement> | null = null;
  let nextConfirmations: Map<string, Confirmation> | null = null;
  let nextPersons: Map<string, Person> | null = null;
  let nextRelations: Map<string, Relation> | null = null;
  let nextScreenView = screenView.peek();
  let nextCarried = carriedDrawing.peek();
  for (const change of changes) {
    if (change.type === "upsert" && isRunning(change.entity)) {
      putRunning(change.entity);
    } else if (change.type === "upsert") {
      const entity = change.entity;
      switch (entity.type) {
        case "meeting":
          nextMeeting = entity;
          break;
        case "participant":
          (nextParticipants ??= new Map(participants.peek())).set(entity.id, entity);
          break;
        case "card":
          (nextCards ??= new Map(cards.peek())).set(entity.id, entity);
          break;
        case "agreement":
          (nextAgreements ??= new Map(agreements.peek())).set(entity.id, entity);
          break;
        case "confirmation":
          (nextConfirmations ??= new Map(confirmations.peek())).set(entity.id, entity);
          break;
        case "person":
          (nextPersons ??= new Map(persons.peek())).set(entity.id, entity);
          break;
        case "relation":
          (nextRelations ??= new Map(relations.peek())).set(entity.id, entity);
          break;
        case "screen_view":
          nextScreenView = entity;
          break;
        case "carried_drawing":
          nextCarried = entity;
          break;
        case "scale":
        case "vote":
        case "scale_note":
          putScaling(entity);
          break;
        case "safety_rule":
        case "safety_sign":
        case "safety_contact":
          putSafety(entity);
          break;
      }
    } else {
      switch (change.kind) {
        case "meeting":
          if (nextMeeting?.id === change.id) nextMeeting = null;
          break;
        case "participant":
          (nextParticipants ??= new Map(participants.peek())).delete(change.id);
          break;
        case "card":
          (nextCards ??= new Map(cards.peek())).delete(change.id);
          break;
        case "agreement":
          (nextAgreements ??= new Map(agreements.peek())).delete(change.id);
          break;
        case "confirmation":
          (nextConfirmations ??= new Map(confirmations.peek())).delete(change.id);
          break;
        case "person":
          (nextPersons ??= new Map(persons.peek())).delete(change.id);
          break;
        case "relation":
          (nextRelations ??= new Map(relations.peek())).delete(change.id);
          break;
        case "screen_view":
          nextScreenView = null;
          break;
        case "scale":
        case "vote":
        case "scale_note":
          dropScaling(change.kind, change.id);
          break;
        case "safety_rule":
        case "safety_sign":
        case "safety_contact":
          dropSafety(change.kind, change.id);
          break;
      }
    }
  }
  batch(() => {
    meeting.value = nextMeeting;
    if (nextParticipants) participants.value = nextParticipants;
    if (nextCards) cards.value = nextCards;
    if (nextAgreements) agreements.value = nextAgreements;
    if (nextConfirmations) confirmations.value = nextConfirmations;
    if (nextPersons) persons.value = nextPersons;
    if (nextRelations) relations.value = nextRelations;
    screenView.value = nextScreenView;
    carriedDrawing.value = nextCarried;
  });
}

/** Replace everything with a snapshot: what is not in it no longer exists. */
export function replaceAll(entities: readonly Entity[]): void {
  let nextMeeting: Meeting | null = null;
  const nextParticipants = new Map<string, Participant>();
  const nextCards = new Map<string, Card>();
  const nextAgreements = new Map<string, Agreement>();
  const nextConfirmations = new Map<string, Confirmation>();
  const nextPersons = new Map<string, Person>();
  const nextRelations = new Map<string, Relation>();
  let nextScreenView: ScreenView | null = null;
  let nextCarried: CarriedDrawing | null = null;
  clearScaling();
  clearSafety();
  for (const entity of entities) {
    if (entity.type === "meeting") nextMeeting = entity;
    else if (entity.type === "participant") nextParticipants.set(entity.id, entity);
    else if (entity.type === "agreement") nextAgreements.set(entity.id, entity);
    else if (entity.type === "confirmation") nextConfirmations.set(entity.id, entity);
    else if (entity.type === "person") nextPersons.set(entity.id, entity);
    else if (entity.type === "relation") nextRelations.set(entity.id, entity);
    else if (entity.type === "screen_view") nextScreenView = entity;
    else if (entity.type === "carried_drawing") nextCarried = entity;
    else if (entity.type === "scale" || entity.type === "vote" || entity.type === "scale_note")
      putScaling(entity);
    else if (entity.type === "card") nextCards.set(entity.id, entity);
    else if (isSafety(entity)) putSafety(entity);
  }
  batch(() => {
    replaceRunning(entities);
    meeting.value = nextMeeting;
    participants.value = nextParticipants;
    cards.value = nextCards;
    agreements.value = nextAgreements;
    confirmations.value = nextConfirmations;
    persons.value = nextPersons;
    relations.value = nextRelations;
    screenView.value = nextScreenView;
    carriedDrawing.value = nextCarried;
  });
}

/** Forget the meeting (leaving it, or before opening another). */
export function clearEntities(): void {
  batch(() => {
    meeting.value = null;
    participants.value = new Map();
    cards.value = new Map();
    agreements.value = new Map();
    confirmations.value = new Map();
    persons.value = new Map();
    relations.value = new Map();
    screenView.value = null;
    carriedDrawing.value = null;
    clearScaling();
    clearSafety();
    replaceRunning([]);
    lastSeq.value = 0;
  });
}

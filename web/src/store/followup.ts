/** What a follow-up meeting brought over from the case's earlier meeting: the drawing's origin. */
import { signal } from "@preact/signals";
import type { CarriedDrawing } from "../schema.gen";

export const carriedDrawing = signal<CarriedDrawing | null>(null);

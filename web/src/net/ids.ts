/** Client-made ids for intents and cards: 32 hex digits, fitting ^[A-Za-z0-9_-]{8,64}$ and {1,40}. */

export function newId(): string {
  // randomUUID exists only in secure contexts; a meeting on a LAN address over plain HTTP is not one.
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID().replace(/-/g, "");
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

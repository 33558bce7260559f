/** Input length hints for fields. The server enforces the real limits; these only stop typing early.
 * They mirror server/domain/text.py until shared_schema carries them (then read them from there). */
export const NOTE_MAX = 500;
export const NAME_MAX = 40;
export const RELATION_MAX = 80;
export const TITLE_MAX = 80;

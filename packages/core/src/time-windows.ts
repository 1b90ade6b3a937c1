/** Lifetimes from docs/PROTOCOL.md "Time windows", in seconds. */
export const PASS_CODE_LIFETIME_SECONDS = 3600;
export const PENDING_HANDSHAKE_LIFETIME_SECONDS = 60;
export const OUTBOX_CONFIRM_WINDOW_SECONDS = 60;
/** Longest text a node built here composes; a reference receiver fails on more. */
export const DEFAULT_MAX_MESSAGE_CHARS = 2000;

/** How many avatar colours there are (`--color-avatar-0` … `-7` in app/globals.css). */
export const AVATAR_COLOURS = 8;

/** FNV-1a over the address: the same contact gets the same colour on every screen, device and reload. */
export function avatarColourIndex(address: string): number {
  let hash = 0x811c9dc5;
  for (const char of address.toLowerCase()) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % AVATAR_COLOURS;
}

/** Up to two initials, by code point (an emoji or an accented letter stays whole). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words.at(-1)] : [words[0] ?? '?'];
  return (
    letters
      .map((word) => Array.from(word ?? '')[0] ?? '')
      .join('')
      .toUpperCase() || '?'
  );
}

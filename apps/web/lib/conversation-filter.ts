/** Case and accents folded, so "jose" finds "José" and "ANN" finds "ann". */
const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/** Whether a contact's name or address holds what was typed (everything matches an empty search). */
export function contactMatches(search: string, contact: { name: string; address: string }): boolean {
  const needle = fold(search.trim());
  if (!needle) return true;
  return fold(contact.name).includes(needle) || fold(contact.address).includes(needle);
}

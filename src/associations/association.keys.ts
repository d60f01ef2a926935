/** Keys derived from an association's name, for uniqueness and for search and sorting. */

/** Case-insensitive uniqueness of names (the contract's `name_key`). */
export const nameKeyOf = (name: string) => name.trim().toLocaleLowerCase('fr');

/** Search and sort key: no case, no accents, single spaces (« École » sorts with the E). */
export const searchKeyOf = (name: string) =>
  name
    .toLocaleLowerCase('fr')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/\s+/g, ' ')
    .trim();

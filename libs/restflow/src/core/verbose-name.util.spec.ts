import { verboseName } from './verbose-name.util';

describe('verboseName', () => {
  it.each([
    ['UniqueItem', 'unique item'],
    ['itemCode', 'item code'],
    ['item_code', 'item code'],
    ['Category', 'category'],
    ['name', 'name'],
    ['HTTPRoute', 'http route'],
    ['isbn13Code', 'isbn13 code'],
  ])('turns %s into "%s"', (name, words) => {
    expect(verboseName(name)).toBe(words);
  });
});

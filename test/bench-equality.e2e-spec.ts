// The equality check of `npm run bench` (bench/equality.ts, bench/contenders.ts): every
// contender's rows must equal the reference's before anything is timed. Breaking one contender
// on purpose must fail the bench, naming it. No server or database: the answers are the
// envelopes each contender really sends, written out.
import { CONTENDERS, workloadRows, type ContenderKind } from '../bench/contenders';
import { assertSameRows, canonicalJson, type ContenderRows } from '../bench/equality';

const ROWS = [
  {
    id: 12,
    name: 'Red Lamp 12',
    price: '120.50',
    inStock: true,
    categoryId: 3,
    category: { id: 3, name: 'Category 03' },
  },
  {
    id: 40,
    name: 'blue lampshade 40',
    price: '130.00',
    inStock: false,
    categoryId: 3,
    category: { id: 3, name: 'Category 03' },
  },
];

/** What each contender sends for the list page, envelope included. */
function envelope(kind: ContenderKind, rows: unknown[]): unknown {
  switch (kind) {
    case 'restflow':
      return { count: rows.length, next: null, previous: null, results: rows };
    case 'crud':
      return { data: rows, count: rows.length, total: rows.length, page: 1, pageCount: 1 };
    case 'paginate':
      return {
        data: rows,
        meta: { itemsPerPage: 20, totalItems: rows.length },
        links: { current: '/x' },
      };
    default:
      return { count: rows.length, results: rows };
  }
}

function answers(rowsOf: (kind: ContenderKind) => unknown[]): ContenderRows[] {
  return CONTENDERS.map((spec) => ({
    contender: spec.label,
    rows: workloadRows(spec, 'list', envelope(spec.kind, rowsOf(spec.kind))),
  }));
}

const copy = () => ROWS.map((row) => ({ ...row, category: { ...row.category } }));

describe('npm run bench: the equality check of the contenders', () => {
  it('passes when every contender returns the same rows, whatever its envelope and key order', () => {
    const reordered = (kind: ContenderKind) =>
      kind === 'crud'
        ? copy().map(({ category, id, ...rest }) => ({ category, ...rest, id }))
        : copy();
    expect(() => assertSameRows('list', answers(reordered))).not.toThrow();
  });

  it('fails naming the contender whose value differs (a broken @dataui/crud)', () => {
    const broken = (kind: ContenderKind) => {
      const rows = copy();
      if (kind === 'crud') rows[1]!.price = '130.01';
      return rows;
    };
    expect(() => assertSameRows('list', answers(broken))).toThrow(
      /list: contenders return other rows than nestjs-restflow:\n {2}@dataui\/crud row 1: .*"price":"130.01"/,
    );
  });

  it('fails when a contender returns other ids, fewer rows or another order', () => {
    const otherId = (kind: ContenderKind) =>
      kind === 'paginate' ? [copy()[0]!, { ...copy()[1]!, id: 41 }] : copy();
    expect(() => assertSameRows('list', answers(otherId))).toThrow(
      /nestjs-paginate row 1: \{"category".*"id":41/,
    );
    const fewer = (kind: ContenderKind) => (kind === 'raw' ? copy().slice(0, 1) : copy());
    expect(() => assertSameRows('list', answers(fewer))).toThrow(
      'raw Fastify + pg returned 1 rows, nestjs-restflow 2.',
    );
    const reversed = (kind: ContenderKind) => (kind === 'handwritten' ? copy().reverse() : copy());
    expect(() => assertSameRows('list', answers(reversed))).toThrow(/hand-written Nest row 0/);
  });

  it('fails when the reference returns nothing, and on an answer without its rows', () => {
    expect(() =>
      assertSameRows(
        'list',
        answers(() => []),
      ),
    ).toThrow('list: nestjs-restflow returned no rows: nothing to compare.');
    expect(() => workloadRows(CONTENDERS[0]!, 'list', { data: ROWS })).toThrow(
      'the list answer has no "results" array',
    );
  });

  it('compares a created row without its id, and requires an integer id', () => {
    const [restflow, handwritten] = CONTENDERS;
    const created = { name: 'Bench desk lamp', price: '19.99', inStock: true, categoryId: 3 };
    expect(() =>
      assertSameRows('create', [
        { contender: 'a', rows: workloadRows(restflow!, 'create', { id: 10001, ...created }) },
        { contender: 'b', rows: workloadRows(handwritten!, 'create', { ...created, id: 10002 }) },
      ]),
    ).not.toThrow();
    expect(() => workloadRows(restflow!, 'create', { ...created, id: '7' })).toThrow(
      'nestjs-restflow created a row without an integer id',
    );
  });

  it('writes JSON with sorted keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}',
    );
  });
});

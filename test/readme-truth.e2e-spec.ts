import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Issue #15 point 18: the README's tables say what the code does. Checks of the claims that were
 * once wrong: subsystems listed as "arriving next", option sections said to "accept no keys",
 * ActionConfig keys said to "arrive with those subsystems", missing `filters` options and
 * `@Filter`'s `child`.
 */
const README = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

/**
 * The text of the section under the heading `heading`, up to the next heading of its level or
 * above (lines inside fenced code blocks are not headings).
 */
function section(heading: string): string {
  const lines = README.split('\n');
  const start = lines.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const level = heading.split(' ')[0]!.length;
  let fenced = false;
  let end = lines.length;
  for (let index = start + 1; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.startsWith('```')) fenced = !fenced;
    const match = /^(#+) /.exec(line);
    if (!fenced && match && match[1]!.length <= level) {
      end = index;
      break;
    }
  }
  return lines.slice(start + 1, end).join('\n');
}

/** The first column of each row of the first table in `text`. */
function firstColumn(text: string): string[] {
  const table = text.slice(text.indexOf('\n|'));
  return table
    .split('\n')
    .slice(1)
    .filter(
      (line, index, lines) =>
        line.startsWith('|') && lines.slice(0, index).every((l) => l.startsWith('|')),
    )
    .map((line) => line.split('|')[1]!.trim())
    .filter((cell) => !/^-+$/.test(cell));
}

describe('the README says what the code does (issue 15, point 18)', () => {
  it('lists nothing as arriving later and no option section as accepting no keys', () => {
    for (const stale of ['arriving next', 'accept no keys', 'arrive with those subsystems']) {
      expect(README).not.toContain(stale);
    }
  });

  it('has an intro table without repeated rows', () => {
    const rows = firstColumn(README.slice(0, README.indexOf('\n## ')));
    expect(rows.length).toBeGreaterThan(5);
    expect(new Set(rows).size).toBe(rows.length);
  });

  it('documents the filters options of forRoot', () => {
    const options = section('### RestflowModule');
    expect(options).toContain('`filters.strict`');
    expect(options).toContain('`filters.ignoredParams`');
  });

  it('lists the access and filter keys in the ActionConfig section', () => {
    const actionConfig = section('### ActionConfig');
    for (const key of [
      'filterSetClass',
      'authenticationClasses',
      'permissionClasses',
      'throttleClasses',
    ]) {
      expect(actionConfig).toContain(`\`${key}\``);
    }
  });

  it("lists @Filter's child option and the XOR operator", () => {
    const filterSets = section('### Filter sets');
    expect(filterSets).toMatch(/`@Filter\(options\)` with explicit options \([^)]*`child`/);
    expect(filterSets).toContain("`'XOR'`");
  });
});

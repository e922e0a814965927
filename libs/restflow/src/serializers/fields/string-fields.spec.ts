import { CharField, EmailField, IPAddressField, URLField, UUIDField } from '.';
import { ok, fails, table } from './field-cases.spec-helper';

const UUID = '5ce0e9a5-5ffa-654b-cee0-1238041fb31a';
const INVALID_UUID = fails('Must be a valid UUID.');

describe('CharField', () => {
  table([
    ['accepts a string', () => new CharField(), 'abc', ok('abc')],
    ['trims whitespace', () => new CharField(), '  abc \n', ok('abc')],
    [
      'trims Python whitespace (\\x1c, \\xa0) but not a BOM',
      () => new CharField(),
      '\x1c\xa0\ufeffx\u3000',
      ok('\ufeffx'),
    ],
    [
      'keeps whitespace without trimWhitespace',
      () => new CharField({ trimWhitespace: false }),
      '  abc ',
      ok('  abc '),
    ],
    ['turns an integer into a string', () => new CharField(), 12, ok('12')],
    ['turns a float into a string', () => new CharField(), 1.5, ok('1.5')],
    ['prints small floats like Python', () => new CharField(), 1e-7, ok('1e-07')],
    [
      'prints large floats like Python',
      () => new CharField(),
      1.5e16 + 0.5,
      ok('15000000000000000'),
    ],
    ['prints fractional large floats like Python', () => new CharField(), 2.5e-5, ok('2.5e-05')],
    ['refuses a boolean', () => new CharField(), true, fails('Not a valid string.')],
    ['refuses a list', () => new CharField(), ['a'], fails('Not a valid string.')],
    ['refuses an object', () => new CharField(), { a: 1 }, fails('Not a valid string.')],
    ['refuses an empty string', () => new CharField(), '', fails('This field may not be blank.')],
    [
      'refuses whitespace only',
      () => new CharField(),
      ' \t ',
      fails('This field may not be blank.'),
    ],
    ['accepts blank with allowBlank', () => new CharField({ allowBlank: true }), '', ok('')],
    [
      'turns whitespace into blank with allowBlank',
      () => new CharField({ allowBlank: true }),
      '   ',
      ok(''),
    ],
    [
      'keeps whitespace-only input without trimming',
      () => new CharField({ trimWhitespace: false }),
      '  ',
      ok('  '),
    ],
    [
      'skips validators on blank input',
      () => new CharField({ allowBlank: true, minLength: 5 }),
      '',
      ok(''),
    ],
    [
      'enforces maxLength',
      () => new CharField({ maxLength: 3 }),
      'abcd',
      fails('Ensure this field has no more than 3 characters.'),
    ],
    [
      'measures maxLength after trimming',
      () => new CharField({ maxLength: 3 }),
      ' abc ',
      ok('abc'),
    ],
    [
      'enforces minLength',
      () => new CharField({ minLength: 3 }),
      'ab',
      fails('Ensure this field has at least 3 characters.'),
    ],
    [
      'counts code points, not UTF-16 units',
      () => new CharField({ maxLength: 2 }),
      '😀😀',
      ok('😀😀'),
    ],
    [
      'refuses null characters',
      () => new CharField(),
      'a\0b',
      fails('Null characters are not allowed.'),
    ],
    [
      'refuses lone surrogates',
      () => new CharField(),
      'a\ud800',
      fails('Surrogate characters are not allowed: U+D800.'),
    ],
    [
      'reports every failing validator',
      () => new CharField({ maxLength: 2 }),
      'ab\0',
      fails('Ensure this field has no more than 2 characters.', 'Null characters are not allowed.'),
    ],
  ]);
});

describe('EmailField', () => {
  table([
    ['accepts an address', () => new EmailField(), 'ada@example.com', ok('ada@example.com')],
    ['trims it', () => new EmailField(), ' ada@example.com ', ok('ada@example.com')],
    [
      'accepts subdomains and plus tags',
      () => new EmailField(),
      'ada+news@mail.example.co.uk',
      ok('ada+news@mail.example.co.uk'),
    ],
    ['accepts localhost', () => new EmailField(), 'root@localhost', ok('root@localhost')],
    ['accepts an IPv4 literal', () => new EmailField(), 'ada@[127.0.0.1]', ok('ada@[127.0.0.1]')],
    ['accepts an IPv6 literal', () => new EmailField(), 'ada@[::1]', ok('ada@[::1]')],
    [
      'accepts a quoted local part',
      () => new EmailField(),
      '"ada@home"@example.com',
      ok('"ada@home"@example.com'),
    ],
    [
      'accepts an internationalised domain',
      () => new EmailField(),
      'ada@例え.jp',
      ok('ada@例え.jp'),
    ],
    ['refuses a missing @', () => new EmailField(), 'ada', fails('Enter a valid email address.')],
    [
      'refuses a missing domain',
      () => new EmailField(),
      'ada@',
      fails('Enter a valid email address.'),
    ],
    [
      'refuses a missing local part',
      () => new EmailField(),
      '@example.com',
      fails('Enter a valid email address.'),
    ],
    [
      'refuses a one-letter top-level domain',
      () => new EmailField(),
      'ada@example.c',
      fails('Enter a valid email address.'),
    ],
    [
      'refuses an underscore in the domain',
      () => new EmailField(),
      'ada@exa_mple.com',
      fails('Enter a valid email address.'),
    ],
    [
      'refuses a bad literal',
      () => new EmailField(),
      'ada@[300.0.0.1]',
      fails('Enter a valid email address.'),
    ],
    [
      'refuses an unquoted space',
      () => new EmailField(),
      'ada lovelace@example.com',
      fails('Enter a valid email address.'),
    ],
    [
      'validates numbers as strings',
      () => new EmailField(),
      123,
      fails('Enter a valid email address.'),
    ],
    [
      'uses its own message for non-strings',
      () => new EmailField(),
      true,
      fails('Enter a valid email address.'),
    ],
    ['keeps the blank message', () => new EmailField(), '', fails('This field may not be blank.')],
  ]);
});

describe('URLField', () => {
  table([
    ['accepts https', () => new URLField(), 'https://example.com', ok('https://example.com')],
    [
      'accepts a port, path, query and fragment',
      () => new URLField(),
      'http://localhost:8000/a/b?q=1#top',
      ok('http://localhost:8000/a/b?q=1#top'),
    ],
    [
      'accepts credentials',
      () => new URLField(),
      'ftp://user:pw@files.example.com/x',
      ok('ftp://user:pw@files.example.com/x'),
    ],
    [
      'accepts an IPv4 host',
      () => new URLField(),
      'http://192.168.0.1/',
      ok('http://192.168.0.1/'),
    ],
    [
      'accepts an IPv6 host',
      () => new URLField(),
      'http://[2001:db8::1]:80/',
      ok('http://[2001:db8::1]:80/'),
    ],
    [
      'accepts an internationalised host',
      () => new URLField(),
      'http://例え.jp',
      ok('http://例え.jp'),
    ],
    [
      'accepts an upper-case scheme',
      () => new URLField(),
      'HTTPS://EXAMPLE.COM',
      ok('HTTPS://EXAMPLE.COM'),
    ],
    ['refuses a missing scheme', () => new URLField(), 'example.com', fails('Enter a valid URL.')],
    [
      'refuses other schemes',
      () => new URLField(),
      'gopher://example.com',
      fails('Enter a valid URL.'),
    ],
    [
      'accepts configured schemes',
      () => new URLField({ schemes: ['gopher'] }),
      'gopher://example.com',
      ok('gopher://example.com'),
    ],
    ['refuses mailto', () => new URLField(), 'mailto:ada@example.com', fails('Enter a valid URL.')],
    [
      'refuses a space in the host',
      () => new URLField(),
      'http://exa mple.com',
      fails('Enter a valid URL.'),
    ],
    ['refuses a tab', () => new URLField(), 'http://exa\tmple.com', fails('Enter a valid URL.')],
    [
      'refuses a host starting with a dash',
      () => new URLField(),
      'http://-example.com',
      fails('Enter a valid URL.'),
    ],
    [
      'refuses a malformed IPv6 host',
      () => new URLField(),
      'http://[1::2::3]/',
      fails('Enter a valid URL.'),
    ],
    [
      'refuses a host without a dot',
      () => new URLField(),
      'http://intranet',
      fails('Enter a valid URL.'),
    ],
    [
      'refuses a port of six digits',
      () => new URLField(),
      'http://example.com:123456',
      fails('Enter a valid URL.'),
    ],
  ]);
});

describe('UUIDField', () => {
  table([
    ['accepts a hyphenated UUID', () => new UUIDField(), UUID, ok(UUID)],
    ['lower-cases it', () => new UUIDField(), UUID.toUpperCase(), ok(UUID)],
    ['accepts braces', () => new UUIDField(), `{${UUID}}`, ok(UUID)],
    ['accepts a URN', () => new UUIDField(), `urn:uuid:${UUID}`, ok(UUID)],
    ['accepts 32 hex digits', () => new UUIDField(), UUID.replaceAll('-', ''), ok(UUID)],
    ['accepts an integer', () => new UUIDField(), 1, ok('00000000-0000-0000-0000-000000000001')],
    [
      'accepts a bigint',
      () => new UUIDField(),
      (1n << 128n) - 1n,
      ok('ffffffff-ffff-ffff-ffff-ffffffffffff'),
    ],
    ['refuses 31 digits', () => new UUIDField(), UUID.slice(0, -1), INVALID_UUID],
    ['refuses a non-hex digit', () => new UUIDField(), `${UUID.slice(0, -1)}g`, INVALID_UUID],
    ['refuses blank input with its own message', () => new UUIDField(), '', INVALID_UUID],
    ['refuses surrounding whitespace', () => new UUIDField(), ` ${UUID} `, INVALID_UUID],
    ['refuses a negative integer', () => new UUIDField(), -1, INVALID_UUID],
    ['refuses a float', () => new UUIDField(), 1.5, INVALID_UUID],
    ['refuses a boolean', () => new UUIDField(), true, INVALID_UUID],
  ]);

  it.each([
    ['hex_verbose', UUID.toUpperCase(), UUID],
    ['hex', UUID, UUID.replaceAll('-', '')],
    ['urn', UUID, `urn:uuid:${UUID}`],
  ] as const)('represents %s', (format, value, expected) => {
    expect(new UUIDField({ format }).toRepresentation(value)).toBe(expected);
  });
});

describe('IPAddressField', () => {
  const both = 'Enter a valid IPv4 or IPv6 address.';
  table([
    ['accepts IPv4', () => new IPAddressField(), '192.168.0.1', ok('192.168.0.1')],
    ['trims IPv4', () => new IPAddressField(), ' 10.0.0.1 ', ok('10.0.0.1')],
    [
      'compresses IPv6',
      () => new IPAddressField(),
      '2001:0DB8:0000:0000:0000:0000:0000:0001',
      ok('2001:db8::1'),
    ],
    [
      'compresses the longest zero run',
      () => new IPAddressField(),
      '1:0:0:2:0:0:0:3',
      ok('1:0:0:2::3'),
    ],
    [
      'unpacks IPv4-mapped addresses for both',
      () => new IPAddressField(),
      '::ffff:10.0.0.1',
      ok('10.0.0.1'),
    ],
    [
      'keeps IPv4-mapped addresses for ipv6',
      () => new IPAddressField({ protocol: 'ipv6' }),
      '::FFFF:10.0.0.1',
      ok('::ffff:10.0.0.1'),
    ],
    ['refuses an octet over 255', () => new IPAddressField(), '256.1.1.1', fails(both)],
    ['refuses leading zeros', () => new IPAddressField(), '01.2.3.4', fails(both)],
    ['refuses a bad IPv6', () => new IPAddressField(), '1::2::3', fails(both)],
    [
      'refuses IPv6 for ipv4',
      () => new IPAddressField({ protocol: 'ipv4' }),
      '::1',
      fails('Enter a valid IPv4 address.'),
    ],
    [
      'refuses IPv4 for ipv6',
      () => new IPAddressField({ protocol: 'ipv6' }),
      '10.0.0.1',
      fails('Enter a valid IPv6 address.'),
    ],
    [
      'gives the generic message for a bad IPv6 in ipv6 mode, like DRF',
      () => new IPAddressField({ protocol: 'ipv6' }),
      '1::2::3',
      fails(both),
    ],
    ['refuses a number', () => new IPAddressField({ protocol: 'ipv4' }), 123, fails(both)],
    ['refuses blank input', () => new IPAddressField(), '', fails('This field may not be blank.')],
  ]);
});

describe('string representations', () => {
  it.each([
    ['a string', 'abc', 'abc'],
    ['a number', 42, '42'],
    ['a boolean, as Python prints it', true, 'True'],
  ])('CharField writes %s', (_title, value, expected) => {
    expect(new CharField().toRepresentation(value)).toBe(expected);
  });
});

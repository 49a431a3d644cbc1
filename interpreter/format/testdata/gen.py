# Regenerate with: /root/.pyenv/versions/3.11.7/bin/python3 gen.py
# Writes spec_cases.txt, misc_cases.txt (tab-separated, fields escaped: \\ \t \n) and float_repr.txt.
import _string, math

def esc(s):
    return s.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n')

out = []
def emit(*fields):
    out.append('\t'.join(esc(str(f)) for f in fields))

def res(f):
    try:
        return f()
    except Exception as e:
        return 'ERR:' + str(e)

ints = [0, 1, -1, 7, 42, -42, 65, 255, 1234, -1234, 1234567, 2**100, -2**63, 10**20 + 7]
int_specs = ['', 'd', ',', '_', '>10', '<10', '^9', '^10', '05d', '010,', '05,', '+', ' ', '-',
             'x', 'X', '#x', '#X', '#o', 'o', 'b', '08b', '#010b', '_b', '_x', '#_x', '=+8',
             '*^11', '0>5', '<05', 'c', 'n', 'e', '.2f', '%', '.1%', 'g', '10.4g', 's', '.2', 'z',
             '#c', '+c', ',x', ',b', ',c', 'abc', '1,_', '.', '08,', '+012_', '#012x', '-#10o',
             ' ^12,', 'x<15_', 'E', '+.3e', 'G', ',.2f', '_,', ',n', '010n', '\u00e9>8', '=^8']
for n in ints:
    for s in int_specs:
        if s in ('c', '#c', '+c', ',c') and not (0 <= n < 0x110000 and n in (42, 65, 0x263a)):
            if n not in (-1, 2**100):
                continue
        emit('int', n, s, res(lambda: format(n, s)))
emit('int', 0x263a, 'c', format(0x263a, 'c'))
emit('int', 0x263a, '*^5c', format(0x263a, '*^5c'))
emit('int', 65, '05c', format(65, '05c'))

floats = [0.0, -0.0, 1.0, -1.5, 0.1, 2.675, 0.125, 0.5, 1.5, 2.5, 1234567.891, 1e20, 1e-7,
          123456789012345.6, 3.14159, -0.001, math.inf, -math.inf, math.nan, 1e16, 100.0, 5e-324,
          1.7976931348623157e308, 0.30000000000000004, 9.995, 99999.5, 1e-5]
float_specs = ['', 'f', '.2f', '.0f', '.1f', '+.3f', ' .3f', 'e', 'E', '.0e', '#.0e', '.3e', 'g',
               'G', '.3g', '#.3g', '10.4g', '.3', '.10', 'n', '%', '.1%', '.0%', ',', ',.2f',
               '_.2f', '015,.2f', '010', '=10', '<10', '^12.3f', '*>12', '+', 'z.1f', 'z', '#',
               '#.0f', '.20f', '.17g', '.1', '.0', '0=+12.4e', 'd', 's', 'x', ',g', '10',
               '-^10.2%', '.15g', 'F', '#g', '#.1', '012_.1f', '^+15,.3e', 'z+.2f']
for x in floats:
    for s in float_specs:
        emit('float', repr(x), s, res(lambda: format(x, s)))

strs = ['', 'abc', 'h\u00e9llo', '\u00df\u6587\u5b57', 'a longer string']
str_specs = ['', 's', '10', '<10', '>10', '^10', '*^11', '.2', '10.2', '05', '=10', '+', ' ', '#',
             'z', 'd', ',', 'x<7', '>3', '_', '^^5', '1', '\u2605^9', '.0', '0', '-', '^', '.2s']
for v in strs:
    for s in str_specs:
        emit('str', v, s, res(lambda: format(v, s)))

pint = ['%d', '%5d', '%-5d', '%05d', '%+d', '% d', '%x', '%#x', '%X', '%#X', '%o', '%#o', '%.3d',
        '%+#08X', '%#.3x', '%i', '%u', '%-+6d', '%10.4d', '%0-5d', '%#-8x', '% 05d', '%ld', '%#5o']
for n in ints:
    for t in pint:
        emit('pint', n, t, res(lambda: t % n))
for n in (65, 0x263a):
    for t in ('%c', '%5c', '%-3c', '%.1c'):
        emit('pchar', n, t, res(lambda: t % n))
pfloat = ['%f', '%.2f', '%e', '%E', '%g', '%G', '%10.3f', '%-10.2e', '%+.1f', '%#.0f', '%#g',
          '%.0e', '%010.2f', '% f', '%F', '%.3g', '%5f', '%-+12.4G', '%#.3e', '%.0f']
for x in floats:
    for t in pfloat:
        emit('pfloat', repr(x), t, res(lambda: t % x))
pstr = ['%s', '%10s', '%-10s', '%.2s', '%5.1s', '%r', '%-8r', '%.3r', '%a', '%05s']
for v in strs + ["it's", 'say "hi"', 'tab\there', '\x00\x7f\x85\xa0\xad', '\u2028\u3000\U0001f600\ue000']:
    for t in pstr:
        emit('pstr', v, t, res(lambda: t % (v,)))

bad_percent = ['%z', 'abc%', '%(a', '%(a)', '%l', '%5%', '%.', '%-', 'ab%(x)5.2', '%\u00e9', '%\x01',
               '100%% of %s and %(k)d', '%(a(b))s', '%*.*f', '%-*s']
for t in bad_percent:
    r = res(lambda: t % {'a': 1, 'x': 1, 'k': 1, 'a(b)': 1}) if '%*' not in t else 'OK'
    emit('pparse', t, '', r if r.startswith('ERR:') and 'wants int' not in r else 'OK')

for s in ['abc', '', "it's", 'say "hi"', 'both \' and "', 'back\\slash', 'nl\n\r\t', '\x00\x1f\x7f',
          '\x80\x9f\xa0\xad\xe9\xff', '\u0100\u2028\u2029\u200b\u3000\ufeff\uffff', '\U0001f600\U000e0001\U0010ffff',
          '\u4e2d\u6587', 'caf\u00e9', '\u0301', '\ue000']:
    emit('repr', s, '', repr(s))
for b in [b'', b'abc', b"it's", b'say "hi"', b'both \' and "', b'\x00\x7f\x80\xff\t\n\r\\']:
    emit('brepr', b.hex(), '', repr(b))

int_lits = ['0', '  42  ', '-17', '+5', '1_000', '1__0', '_1', '1_', '0x1f', '0X1F', '0o17', '0b101',
            '010', '00', '0_0', '0x_1f', '0x', '', ' ', 'abc', 'z', '12a', '1 2', '\u00a012\u3000',
            '0b_1', '0b1_', '-0x10', '9' * 30, '1e5', '1.0', '0x1g', '\t\n7\x0b']
for s in int_lits:
    for base in (0, 2, 8, 10, 16, 36):
        emit('int_lit', s, base, res(lambda: str(int(s, base))))
float_lits = ['1.5', '  -2.5e3 ', '.5', '5.', '1e5', '1E+05', 'inf', '-Infinity', 'nan', '+NaN',
              '1_000.5', '1__0', '_1', '1_', '1._5', '1e1_0', '0x1p3', '1e', 'e5', '.', '', 'infinit',
              '1.5f', '1,5', ' 3 ', '1e500', '-1e-500', '0.1', '12345678901234567890', '1_2.3_4e5_6',
              'in f', '+-1', '1.2.3', '\u00a01.5', 'inF', 'NAN']
for s in float_lits:
    emit('float_lit', s, '', res(lambda: repr(float(s))))

for x in [2.675, 0.125, 0.5, 1.5, 2.5, -0.5, -2.5, 1234.5, 1250.0, -0.4, 1e300, 0.1 + 0.2, 5e-324,
          123.456, -123.456, 1.7976931348623157e308, 0.0, -0.0]:
    for nd in (None, 0, 1, 2, 3, -1, -2, -3, 5, 400, -400, -308):
        emit('round', repr(x), 'None' if nd is None else nd, res(lambda: repr(round(x, nd))))
for n in [0, 1234, 1250, 1350, -1250, -1251, 5, 15, 25, -25, 10**30 + 5 * 10**9, 999]:
    for nd in (0, 2, -1, -2, -3, -10, -40):
        emit('round_int', n, nd, str(round(n, nd)))
for n in [0, 31, -31, 2**100, -(2**70) - 1]:
    emit('radix', n, '', hex(n) + ' ' + oct(n) + ' ' + bin(n))

templates = ['{}', '{0}{1}', 'a{{b}}c', '{x!r:>10}', '{:{}}', '{0.real[1][k]}', '}', '{', 'a}b',
             '{!', '{0!x}', '{0!rr}', '{:', '{0', '{a{b}', '{0[}', '{0[1]x}', '{0.}', '{0[]}',
             '{:{:{}}}', 'x{0:{1}.{2}f}y', '{!s}', '{[}', '{0!}', '}}{{', '{ }', '{0:}}', '{0:{{}}}']
for t in templates:
    try:
        parts = []
        for lit, name, spec, conv in _string.formatter_parser(t):
            if lit:
                parts.append('L' + lit)
            if name is not None:
                first, rest = _string.formatter_field_name_split(name)
                r = ['F' + (('#%d' % first) if isinstance(first, int) else ('@' + first if first else '*'))]
                for is_attr, v in rest:
                    r.append(('.' + v) if is_attr else ('[#%d]' % v if isinstance(v, int) else '[' + v + ']'))
                r.append('!' + (conv or '-'))
                r.append(':' + spec)
                parts.append(''.join(r))
        result = '|'.join(parts)
    except Exception as e:
        result = 'ERR:' + str(e)
    emit('template', t, '', result)

spec_kinds = ('int\t', 'float\t', 'str\t')
with open('spec_cases.txt', 'w') as f:
    f.write('\n'.join(l for l in out if l.startswith(spec_kinds)) + '\n')
with open('misc_cases.txt', 'w') as f:
    f.write('\n'.join(l for l in out if not l.startswith(spec_kinds)) + '\n')

# float_repr: 1000 doubles from an LCG (nan skipped).
import struct
state = 0x2545F4914F6CDD1D
lines = []
while len(lines) < 1000:
    state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
    bits = state
    if len(lines) % 4 == 1:  # also cover "ordinary" magnitudes
        bits = (bits & ((1 << 52) - 1)) | ((1023 - 30 + (state >> 58)) << 52)
    x = struct.unpack('<d', struct.pack('<Q', bits))[0]
    if math.isnan(x):
        continue
    lines.append('%016x %s' % (bits, repr(x)))
with open('float_repr.txt', 'w') as f:
    f.write('\n'.join(lines) + '\n')

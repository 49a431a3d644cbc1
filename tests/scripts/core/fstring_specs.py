# f-string format specs
x = 3.14159
n = 1234567
p = 0.4567
v = "it's"
w = 12
s = "ab"
print(f"{x:.2f}")
print(f"{n:,}")
print(f"[{n:>10}]")
print(f"[{n:^9}]")
print(f"{42:05d}")
print(f"{x:e}")
print(f"{255:x}")
print(f"{5:08b}")
print(f"{p:.1%}")
print(f"{v!r}")
print(f"[{n:>{w}}]")
print(f"{s:<8}|")
print(f"{x:+.3f}")
print(f"{n:_}")
print(f"{x:g}")
print(f"{255:#x}")
print(f"{-42:05d}", f"{-x:+.3f}", f"{0.000012345:g}", f"{1e20:g}", f"{100000.0:g}", f"{1234567.0:g}")
print(f"{255:X}", f"{255:#X}", f"{8:o}", f"{8:#o}", f"{5:#b}")
print(f"{n:,.2f}", f"{-n:,}", f"{0xABCDEF:_x}")
print(f"{x:10.3f}|", f"{x:<10.3f}|", f"{x:^10.3f}|", f"{x:*>10.2f}")
print(f"{1.5:.0f}", f"{2.5:.0f}", f"{-0.0:.1f}")
print(f"{0.5:%}", f"{1:.0%}", f"{12.3456:.2e}", f"{12345.678:E}")
print(f"{'x':*^7}", f"{'left':-<10}", f"{7:+d}", f"{7: d}", f"{-7: d}")
print(f"{3:03}", f"{3.0:06.2f}", f"{-3.5:07.2f}")
print(f"{True}", f"{None}", f"{[1, 'a']}", f"{(1,)}")
print(f"{'abc'!s}", f"{'abc'!r}", f"{'abc'!r:>8}")
print(f"{x!r}", f"{x!s}")
print(f"{10:d}", f"{10:5d}|")
print(f"{float('inf'):.2f}", f"{float('nan'):f}", f"{float('-inf'):e}")
print(f"{123.456:.1f}", f"{0.05:.1f}", f"{0.15:.1f}", f"{0.25:.1f}")
print(f"{1e-7:f}", f"{1e16:f}", f"{2**70:,}")
print(f"{'trunc':.3}", f"{'pad':>6.2}|")

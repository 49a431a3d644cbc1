# simple text table with f-string alignment
rows = [
    ("Widget", 3, 4.5),
    ("Gadget", 12, 19.99),
    ("Thingamajig", 1, 1250.0),
    ("Doohickey", 150, 0.35),
]
name_w = max(len(r[0]) for r in rows)
header = f"{'Item':<{name_w}} | {'Qty':>5} | {'Price':>9} | {'Total':>10}"
print(header)
print("-" * len(header))
grand = 0
for name, qty, price in rows:
    total = qty * price
    grand += total
    print(f"{name:<{name_w}} | {qty:>5} | {price:>9.2f} | {total:>10,.2f}")
print("-" * len(header))
print(f"{'TOTAL':<{name_w}} | {sum(r[1] for r in rows):>5} | {'':>9} | {grand:>10,.2f}")
print()
print(f"{'centered':^{len(header)}}")
for i, (name, qty, price) in enumerate(rows, 1):
    bar = "#" * (qty // 10)
    print(f"{i:02d}. {name[:6]:.<8}{bar:<16}|{qty:>4}")
widths = [6, 8]
print("+" + "+".join("-" * w for w in widths) + "+")
for a, b in [("x", 1), ("yy", 22)]:
    print(f"|{a:^{widths[0]}}|{b:^{widths[1]}}|")
print("+" + "+".join("-" * w for w in widths) + "+")

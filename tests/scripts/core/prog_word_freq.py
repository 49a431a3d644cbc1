# word frequency count, as a new user would write it
text = """The quick brown fox jumps over the lazy dog.
The dog barks; the fox runs away! A quick, quick fox."""
counts = {}
for line in text.splitlines():
    for raw in line.split():
        word = raw.strip(".,;!?").lower()
        if not word:
            continue
        if word in counts:
            counts[word] += 1
        else:
            counts[word] = 1
print("distinct words:", len(counts))
print("total words:", sum(counts.values()))
ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
for word, n in ranked[:5]:
    print(f"{word:<8}{n:>3} {'*' * n}")
longest = max(counts, key=lambda w: (len(w), w))
print("longest word:", longest)
by_len = {}
for w in counts:
    by_len.setdefault(len(w), []).append(w)
for length in sorted(by_len):
    print(length, sorted(by_len[length]))
letters = {}
for ch in text.lower():
    if ch.isalpha():
        letters[ch] = letters.get(ch, 0) + 1
top = sorted(letters.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
print(top)

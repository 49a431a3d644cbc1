# string reversal and palindromes
def reverse(s):
    out = ""
    for ch in s:
        out = ch + out
    return out
print(reverse("hello"), "hello"[::-1], "".join(reversed("hello")))
def is_palindrome(s):
    cleaned = [c.lower() for c in s if c.isalnum()]
    return cleaned == cleaned[::-1]
phrases = ["racecar", "A man, a plan, a canal: Panama", "hello", "", "Was it a car or a cat I saw?", "No lemon, no melon", "ab"]
for p in phrases:
    print(repr(p), is_palindrome(p))
def longest_pal(s):
    best = ""
    for i in range(len(s)):
        for j in range(i + 1, len(s) + 1):
            sub = s[i:j]
            if sub == sub[::-1] and len(sub) > len(best):
                best = sub
    return best
print(longest_pal("forgeeksskeegfor"), longest_pal("abacdfgdcaba"))
nums = [n for n in range(10, 200) if str(n) == str(n)[::-1]]
print(nums)
words = "level noon python stats refer code".split()
print([w for w in words if w == w[::-1]])
print(" ".join(w[::-1] for w in "reverse each word".split()))
print(" ".join("reverse word order".split()[::-1]))
print(reverse("日本語"))

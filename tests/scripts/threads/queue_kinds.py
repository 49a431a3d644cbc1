import queue

lq = queue.LifoQueue()
for i in range(5):
    lq.put(i)
print([lq.get() for _ in range(5)])

pq = queue.PriorityQueue()
for item in [(3, "c"), (1, "a"), (5, "e"), (2, "b"), (4, "d"), (0, "z")]:
    pq.put(item)
print(pq.qsize())
print([pq.get() for _ in range(6)])

pq2 = queue.PriorityQueue()
for n in [9, 1, 8, 2, 7, 3, 6, 4, 5, 0, 5]:
    pq2.put_nowait(n)
out = []
while not pq2.empty():
    out.append(pq2.get_nowait())
print(out)

fq = queue.Queue()
for ch in "hello":
    fq.put(ch)
print([fq.get() for _ in range(5)])

sq = queue.SimpleQueue()
sq.put(1)
sq.put_nowait(2)
print(sq.qsize(), sq.empty())
print(sq.get(), sq.get_nowait(), sq.empty())
try:
    sq.get_nowait()
except queue.Empty:
    print("SimpleQueue empty")
try:
    sq.get(timeout=0.01)
except queue.Empty:
    print("SimpleQueue empty after timeout")

import heapq
h = [5, 3, 8, 1, 9, 2]
heapq.heapify(h)
print(h[0])
heapq.heappush(h, 0)
print([heapq.heappop(h) for _ in range(len(h))])
print(heapq.nsmallest(2, [4, 1, 3]), heapq.nlargest(2, [4, 1, 3]))
h = [1, 4, 2]
heapq.heapify(h)
print(heapq.heapreplace(h, 7), heapq.heappushpop(h, 0), sorted(h))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6])))

# matrix multiplication with nested lists
def matmul(a, b):
    rows, inner, cols = len(a), len(b), len(b[0])
    assert len(a[0]) == inner
    result = [[0] * cols for _ in range(rows)]
    for i in range(rows):
        for j in range(cols):
            s = 0
            for k in range(inner):
                s += a[i][k] * b[k][j]
            result[i][j] = s
    return result
def transpose(m):
    return [list(row) for row in zip(*m)]
def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]
def show(m):
    for row in m:
        print(" ".join(f"{v:>5}" for v in row))
A = [[1, 2, 3], [4, 5, 6]]
B = [[7, 8], [9, 10], [11, 12]]
show(matmul(A, B))
show(transpose(A))
print(matmul(A, identity(3)) == A)
F = [[1, 1], [1, 0]]
P = identity(2)
for _ in range(30):
    P = matmul(P, F)
print(P)
M = [[0.5, 0.25], [0.125, 1.0]]
print(matmul(M, M))
print(sum(sum(row) for row in matmul(B, A)))
def mat_pow(m, e):
    result = identity(len(m))
    while e:
        if e & 1:
            result = matmul(result, m)
        m = matmul(m, m)
        e >>= 1
    return result
print(mat_pow(F, 100)[0][1])

# dataclasses with default_factory, methods and inheritance
from dataclasses import dataclass, field, asdict
@dataclass
class Task:
    title: str
    done: bool = False
    tags: list = field(default_factory=list)
    def mark(self):
        self.done = True
        return self
t1 = Task("write tests")
t2 = Task("ship", tags=["release"])
t1.tags.append("qa")
print(t1)
print(t2)
print(t1.mark(), t1 == Task("write tests", True, ["qa"]))
print(asdict(t2))
@dataclass
class Base:
    id: int
@dataclass
class Child(Base):
    name: str = "unnamed"
print(Child(1), Child(2, "two"), isinstance(Child(3), Base))
@dataclass
class Counter:
    counts: dict = field(default_factory=dict)
    def add(self, k):
        self.counts[k] = self.counts.get(k, 0) + 1
c1, c2 = Counter(), Counter()
c1.add("x"); c1.add("x")
print(c1, c2)
@dataclass
class WithPost:
    a: int
    b: int
    total: int = field(init=False, default=0)
    def __post_init__(self):
        self.total = self.a + self.b
print(WithPost(2, 3))
print(sorted([Task("b"), Task("a")], key=lambda t: t.title))

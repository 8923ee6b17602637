"""Skill suggestions for the questionnaire's chips: the search feature's vocabulary when it is
there (outstaff/search/skills.txt: "Canonical name | index key | aliases"), else a short list.
Free entries stay allowed: these only suggest."""

from functools import cache
from pathlib import Path

from outstaff.listing.search import fold

VOCABULARY = Path(__file__).resolve().parents[1] / "search" / "skills.txt"
FALLBACK = (
    "Python", "JavaScript", "TypeScript", "Java", "Kotlin", "Swift", "Go", "Rust", "C#", "C++",
    "PHP", "Ruby", "Django", "Flask", "FastAPI", "React", "Vue.js", "Angular", "Node.js",
    "PostgreSQL", "MySQL", "MongoDB", "Redis", "Kafka", "Docker", "Kubernetes", "Terraform",
    "AWS", "GCP", "Azure", "Linux", "Git", "GraphQL", "Spark", "Airflow", "PyTorch",
    "TensorFlow", "Figma", "Selenium", "Playwright", "Unity", "Android", "iOS", "Flutter",
)  # fmt: skip


@cache
def _names() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(canonical name, folded spellings) of every skill."""
    if not VOCABULARY.is_file():
        return tuple((name, (fold(name),)) for name in FALLBACK)
    found = []
    for line in VOCABULARY.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.count("|") < 2:
            continue
        name, _key, aliases = (part.strip() for part in line.split("|", 2))
        spellings = [name, *(a for a in aliases.split(",") if a.strip())]
        found.append((name, tuple(fold(s.strip()) for s in spellings)))
    return tuple(found)


def suggest_skills(prefix: str = "", limit: int = 100) -> list[str]:
    """Canonical skill names whose name or an alias starts with `prefix` (all for "")."""
    typed = fold(prefix).strip()
    names = [name for name, spellings in _names() if any(s.startswith(typed) for s in spellings)]
    return names[:limit]

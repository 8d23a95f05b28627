"""Small varied pages for the archive tests: no two alike, each with figures and dates."""

from __future__ import annotations

from pathlib import Path

_CITIES = ("杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "台州")


def page_text(number: int, paragraphs: int = 3) -> str:
    """A page of ``paragraphs`` short news paragraphs, different for every ``number``."""
    city = _CITIES[number % len(_CITIES)]
    lines = [f"本报杭州5月{number % 28 + 1}日电 {city}市统计局发布数据。"]
    for k in range(paragraphs):
        lines.append(
            f"一季度{city}全市新增企业{number + k + 2}万家，贷款余额{number * 3 + k + 1}.5亿元，"
            f"同比增长{(number + k) % 9 + 1}.{k}%。"
        )
    return "\n\n".join(lines) + "\n"


def write_pages(folder: Path, count: int, paragraphs: int = 3) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"p{number:04d}.txt"
        path.write_text(page_text(number, paragraphs), encoding="utf-8")
        paths.append(path)
    return paths

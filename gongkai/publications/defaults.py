"""The default classifications a deployment starts with (editable afterwards): the four
narrative categories used in annual reports (the seed's 概括类, 政务动态类, 法规公文类, 其他) and
the State Council topic classification (主题分类) top level with common sub-topics."""

from __future__ import annotations

CATEGORIES = [
    ("general", "概括类", 1),
    ("news", "政务动态类", 2),
    ("documents", "法规公文类", 3),
    ("other", "其他", 9),
]
TOPICS = [
    ("01", "综合政务", None), ("0101", "政务公开", "01"), ("0102", "应急管理", "01"),
    ("0103", "政务督查", "01"),
    ("02", "国民经济管理、国有资产监管", None), ("0201", "发展规划", "02"), ("0202", "统计", "02"),
    ("03", "财政、金融、审计", None), ("0301", "预算决算", "03"), ("0302", "审计", "03"),
    ("04", "国土资源、能源", None), ("0401", "土地", "04"),
    ("05", "农业、林业、水利", None), ("0501", "农业、农村", "05"), ("0502", "水利", "05"),
    ("06", "工业、交通", None), ("0601", "交通", "06"),
    ("07", "商贸、海关、旅游", None),
    ("08", "市场监管、安全生产监管", None), ("0801", "食品药品监管", "08"), ("0802", "安全生产", "08"),
    ("09", "城乡建设、环境保护", None), ("0901", "城乡建设", "09"), ("0902", "环境保护", "09"),
    ("10", "科技、教育", None), ("1001", "教育", "10"), ("1002", "科技", "10"),
    ("11", "文化、广电、新闻出版", None),
    ("12", "卫生、体育", None), ("1201", "卫生健康", "12"), ("1202", "疫情防控", "12"),
    ("13", "人口与计划生育、妇女儿童工作", None),
    ("14", "劳动、人事、监察", None), ("1401", "就业", "14"), ("1402", "社会保障", "14"),
    ("1403", "人事工作", "14"),
    ("15", "公安、安全、司法", None),
    ("16", "民政、扶贫、救灾", None), ("1601", "社会救助（低保）", "16"), ("1602", "乡村振兴", "16"),
    ("17", "民族、宗教", None),
    ("18", "对外事务", None),
    ("19", "港澳台侨工作", None),
    ("20", "国防", None),
    ("21", "其他", None),
]  # fmt: skip


def ensure_defaults(using: str = "default") -> None:
    """Create the default categories and topics that are missing (safe to re-run). The demo
    loader and tests that flush the database call this."""
    from gongkai.publications.models import Category, Topic

    for code, name, order in CATEGORIES:
        Category.objects.using(using).get_or_create(
            code=code, defaults={"name": name, "sort_order": order}
        )
    for order, (code, name, parent) in enumerate(TOPICS):
        Topic.objects.using(using).get_or_create(
            code=code,
            defaults={
                "name": name,
                "sort_order": order,
                "parent": Topic.objects.using(using).get(code=parent) if parent else None,
            },
        )

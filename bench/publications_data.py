"""Synthetic proactive-disclosure items for benchmarks, screenshots and the demo.

Deterministic for a seed: titles and bodies are assembled from phrases a county government
publishes (通知, 公告, 动态 …), with 文号 on documents, so searches for 教育, 低保, a 文号 or a
phrase behave as on a real catalogue. `items(n)` is a generator: a million items never sit in
memory at once.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from gongkai.publications.services import PublicationInput

SUBJECTS = [
    "义务教育招生", "城乡低保标准", "医疗保障", "乡村振兴", "就业创业补贴", "疫情防控",
    "安全生产", "食品药品监管", "城乡建设", "环境保护", "农村土地承包", "防汛抗旱",
    "养老服务", "残疾人补贴", "公共租赁住房", "政府采购", "财政预算", "统计公报",
    "道路交通", "义务植树", "秸秆禁烧", "高标准农田", "营商环境", "政务服务",
]  # fmt: skip
KINDS = [
    ("关于做好{y}年{s}工作的通知", "documents"), ("关于{s}有关事项的公告", "documents"),
    ("{s}政策解读", "general"), ("县政府召开{s}专题会议", "news"), ("{s}工作动态", "news"),
    ("{y}年{s}实施方案", "documents"), ("{s}情况公示", "other"), ("{s}资金发放名单", "other"),
]  # fmt: skip
SENTENCES = [
    "为进一步做好{s}工作，切实保障人民群众合法权益，根据有关法律法规，结合我县实际，现将有关事项通知如下。",
    "各乡镇人民政府、街道办事处，县政府各部门要提高认识，加强组织领导，确保{s}各项任务落到实处。",
    "{s}工作坚持公开、公平、公正的原则，接受社会监督。",
    "联系电话：0396-4926766，联系地址：县政府办公室。",
    "本通知自印发之日起施行，有效期五年。",
    "会议强调，要把{s}作为保障和改善民生的重要举措，统筹推进教育、医疗、低保、就业等工作。",
    "截至目前，全县已累计完成{s}相关工作任务的百分之{p}。",
]  # fmt: skip
TOPIC_FOR = {
    "义务教育招生": "1001", "城乡低保标准": "1601", "医疗保障": "1201", "乡村振兴": "1602",
    "就业创业补贴": "1401", "疫情防控": "1202", "安全生产": "0802", "食品药品监管": "0801",
    "城乡建设": "0901", "环境保护": "0902", "财政预算": "0301", "统计公报": "0202",
    "道路交通": "0601", "政务服务": "0101",
}  # fmt: skip
# The seed report's mix of categories and channels (7,589 items).
CATEGORY_WEIGHTS = {"general": 64, "news": 1262, "documents": 45, "other": 6218}
CHANNEL_WEIGHTS = {"website": 4882, "weibo": 1515, "wechat": 1060, "other": 132}


def items(
    n: int, *, year: int = 2021, seed: int = 1, body_sentences: int = 6
) -> Iterator[PublicationInput]:
    """`n` plausible published items spread over `year`."""
    rng = random.Random(seed)
    cats, cat_w = zip(*CATEGORY_WEIGHTS.items(), strict=True)
    chans, chan_w = zip(*CHANNEL_WEIGHTS.items(), strict=True)
    start = date(year, 1, 1)
    for i in range(n):
        subject = rng.choice(SUBJECTS)
        pattern, _kind_cat = rng.choice(KINDS)
        category = rng.choices(cats, cat_w)[0]
        published = start + timedelta(days=rng.randrange(365))
        formed = published - timedelta(days=rng.randrange(0, 40))
        if formed.year != published.year:
            formed = date(published.year, 1, 1)
        body = "".join(
            "<p>" + rng.choice(SENTENCES).format(s=subject, p=rng.randrange(50, 100)) + "</p>"
            for _ in range(body_sentences)
        )
        channel = rng.choices(chans, chan_w)[0]
        yield PublicationInput(
            title=pattern.format(y=year, s=subject) + (f"（第{i}号）" if i % 7 == 0 else ""),
            body_html=body,
            formed_on=formed,
            published_on=published,
            written_on=formed,
            category_code=category,
            topic_code=TOPIC_FOR.get(subject, "21"),
            primary_channel=channel,
            channels=[channel] + (["website"] if channel != "website" and i % 3 == 0 else []),
            document_number=f"遂政〔{year}〕{i % 500 + 1}号" if category == "documents" else "",
            keywords=subject,
        )

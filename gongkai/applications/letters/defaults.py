"""The packaged wording of every letter. An office overrides any of them with a
`LetterTemplate` row (its own organ, or organ left empty for the whole site); the text is Django
template syntax, paragraphs separated by blank lines. Each cites its legal basis.

Names available in a template: app (the application), organ, applicant (name as addressed),
reference, received_on, due_on, today (the letter's date), event (the data of the step the
letter belongs to: items, correction_due_on, days, new_due_on, party, reply_due_on, amount,
basis, fee_due_on, summary, responsible_organ, reason …), query_code.
"""

from __future__ import annotations

REGS = "《中华人民共和国政府信息公开条例》"
REMEDY = (
    "如对本答复不服，可以自收到本答复之日起六十日内依法申请行政复议，或者自收到本答复之日起"
    "六个月内依法向人民法院提起行政诉讼（《中华人民共和国政府信息公开条例》第五十一条）。"
)
OPENING = (
    "本机关于{{ received_on }}收到您（单位）提出的政府信息公开申请（申请编号：{{ reference }}），"
    "申请获取“{{ app.description }}”。"
)

# kind → (title, body)
DEFAULTS: dict[str, tuple[str, str]] = {
    "receipt": (
        "政府信息公开申请回执",
        f"""{{{{ applicant }}}}：

{OPENING}

根据{REGS}第三十一条，本机关收到申请之日为{{{{ received_on }}}}（{{{{ app.get_channel_display }}}}）。根据第三十三条第二款，本机关将{{% if due_on %}}于{{{{ due_on }}}}前{{% else %}}在法定期限内{{% endif %}}予以答复；确需延长答复期限的，将另行书面告知。申请内容不明确的，本机关将依第三十条一次性告知需要补正的事项。

您可凭查询码 {{{{ query_code }}}} 及申请时所填联系电话的后四位查询办理进度。""",
    ),
    "correction": (
        "政府信息公开申请补正告知书",
        f"""{{{{ applicant }}}}：

{OPENING}

经审查，您的申请内容不明确。根据{REGS}第三十条，现一次性告知您需要补正的事项如下：

{{{{ event.items }}}}

请您于{{{{ event.correction_due_on }}}}前向本机关提交补正后的申请。答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。""",
    ),
    "extension": (
        "政府信息公开申请延期答复告知书",
        f"""{{{{ applicant }}}}：

{OPENING}

因{{{{ event.reason|default:"所需信息检索、审查工作量较大" }}}}，本机关不能在{{{{ event.previous_due_on }}}}前作出答复。根据{REGS}第三十三条第二款，经本机关政府信息公开工作机构负责人同意，答复期限延长{{{{ event.days }}}}个工作日，本机关将于{{{{ event.new_due_on }}}}前作出答复。""",
    ),
    "consultation_third_party": (
        "政府信息公开第三方意见征询函",
        f"""{{{{ event.party }}}}：

本机关于{{{{ received_on }}}}收到政府信息公开申请（申请编号：{{{{ reference }}}}），申请获取“{{{{ app.description }}}}”。{{% if event.matter %}}征求意见事项：{{{{ event.matter }}}}。{{% endif %}}

本机关认为，公开该信息可能损害您（单位）的合法权益。根据{REGS}第三十二条，现书面征求您（单位）的意见。请自收到本函之日起 15 个工作日内（{{{{ event.reply_due_on }}}}前）书面提出意见；逾期未提出意见的，由本机关依照条例的规定决定是否公开。

第三方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知第三方。征求意见所需时间不计算在答复期限内（第三十三条第三款）。""",
    ),
    "consultation_other_organ": (
        "政府信息公开征求意见函",
        f"""{{{{ event.party }}}}：

本机关于{{{{ received_on }}}}收到政府信息公开申请（申请编号：{{{{ reference }}}}），申请获取“{{{{ app.description }}}}”。该信息由本机关与贵机关共同制作。{{% if event.matter %}}征求意见事项：{{{{ event.matter }}}}。{{% endif %}}

根据{REGS}第三十四条，现征求贵机关意见。请于收到本函之日起 15 个工作日内（{{{{ event.reply_due_on }}}}前）提出意见；逾期未提出意见的，视为同意公开。""",
    ),
    "fee_notice": (
        "政府信息公开信息处理费收费通知书",
        f"""{{{{ applicant }}}}：

{OPENING}

根据{REGS}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），您的申请应缴纳信息处理费。{{{{ event.basis }}}}

应缴金额：人民币{{{{ event.amount }}}}元。

请您自收到本通知次日起 20 个工作日内（{{{{ event.fee_due_on }}}}前）缴纳。信息处理费作为行政事业性收费，全额上缴国库，本机关出具财政票据。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。""",
    ),
}

_DECISION_BODY: dict[str, str] = {
    "already_public": "经查，您申请获取的政府信息已经主动公开。根据{REGS}第三十六条第（一）项，现告知您获取该政府信息的方式和途径：{{{{ event.summary }}}}",
    "disclosed": "经审查，您申请获取的政府信息属于公开范围。根据{REGS}第三十六条第（二）项，本机关向您提供该政府信息：{{{{ event.summary }}}}",
    "partial": "经审查，您申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理。根据{REGS}第三十七条，本机关向您提供可以公开的部分，并对不予公开的部分说明理由：{{{{ event.summary }}}}",
    "denied_state_secret": "经审查，您申请获取的政府信息属于国家秘密。根据{REGS}第十四条、第三十六条第（三）项，本机关决定不予公开。{{{{ event.summary }}}}",
    "denied_law_forbidden": "经审查，您申请获取的政府信息属于法律、行政法规禁止公开的信息。根据{REGS}第十四条、第三十六条第（三）项，本机关决定不予公开。{{{{ event.summary }}}}",
    "denied_three_safety": "经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。根据{REGS}第十四条、第三十六条第（三）项，本机关决定不予公开。{{{{ event.summary }}}}",
    "denied_third_party": "经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。根据{REGS}第十五条、第三十二条、第三十六条第（三）项，本机关决定不予公开。{{{{ event.summary }}}}",
    "denied_internal": "经审查，您申请获取的政府信息属于人事管理、后勤管理、内部工作流程等方面的内部事务信息。根据{REGS}第十六条第一款、第三十六条第（三）项，本机关决定不予公开。{{{{ event.summary }}}}",
    "denied_process": "经审查，您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息。根据{REGS}第十六条第二款、第三十六条第（三）项，本机关决定不予公开。{{{{ event.summary }}}}",
    "denied_enforcement": "经审查，您申请获取的政府信息属于行政执法案卷信息。根据{REGS}第十六条第二款、第三十六条第（三）项，本机关决定不予公开。{{{{ event.summary }}}}",
    "query_matter": "经审查，法律、行政法规对您申请获取的信息有专门规定。根据{REGS}第三十六条第（七）项，请您按照有关法律、行政法规的规定办理：{{{{ event.summary }}}}",
    "not_exist": "经检索，本机关没有制作或者获取您所申请的政府信息，该政府信息不存在。根据{REGS}第三十六条第（四）项，特此告知。{{{{ event.summary }}}}",
    "not_responsible": "经审查，您所申请的信息不属于本机关负责公开。根据{REGS}第三十六条第（五）项，特此告知。{{% if event.responsible_organ %}}负责公开该政府信息的行政机关为：{{{{ event.responsible_organ }}}}。{{% endif %}}{{{{ event.summary }}}}",
    "needs_creation": "经审查，您申请获取的信息需要本机关对现有政府信息进行加工、分析才能形成。根据{REGS}第三十八条，本机关不予提供。{{{{ event.summary }}}}",
    "still_unclear": "本机关已依{REGS}第三十条告知您补正申请，经补正后您的申请内容仍不明确，本机关无法提供。{{{{ event.summary }}}}",
    "petition": "经审查，您以政府信息公开申请的形式进行信访、投诉、举报等活动。根据{REGS}第三十九条第一款，本机关不作为政府信息公开申请处理，请您通过相应渠道提出。{{{{ event.summary }}}}",
    "repeat": "经查，您已就相同内容提出过政府信息公开申请，本机关已作出答复。根据{REGS}第三十六条第（六）项，本机关不再重复处理。{{{{ event.summary }}}}",
    "publication": "经审查，您要求提供政府公报、报刊、书籍等公开出版物。根据{REGS}第三十九条第二款，请您通过以下途径获取：{{{{ event.summary }}}}",
    "excessive": "您申请公开政府信息的数量、频次明显超过合理范围，经本机关要求说明理由，本机关认为申请理由不合理。根据{REGS}第三十五条，本机关不予处理。{{{{ event.summary }}}}",
    "confirmation": "经审查，您要求本机关确认或者重新出具已获取的信息，不属于{REGS}所称的政府信息公开申请，本机关不予处理。{{{{ event.summary }}}}",
    "no_correction": "本机关已于{{{{ correction_sent_on }}}}依{REGS}第三十条一次性告知您补正申请，补正期限为{{{{ correction_due_on }}}}。您无正当理由逾期未补正，视为放弃申请，本机关不再处理该政府信息公开申请。",
    "no_fee": "本机关已向您发出信息处理费收费通知。您逾期未按通知要求缴纳费用，根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），视为放弃申请，本机关不再处理该政府信息公开申请。",
    "withdrawn": "您已于{{{{ today }}}}撤回上述政府信息公开申请，本机关终止办理。{{{{ event.reason }}}}",
    "other": "{{{{ event.summary }}}}",
}

TERMINATIONS = {"no_correction", "no_fee", "withdrawn"}

for _outcome, _text in _DECISION_BODY.items():
    _title = (
        "政府信息公开申请终止办理告知书" if _outcome in TERMINATIONS else "政府信息公开申请答复书"
    )
    _remedy = "" if _outcome == "withdrawn" else "\n\n" + REMEDY
    DEFAULTS[f"decision_{_outcome}"] = (
        _title,
        "{{ applicant }}：\n\n" + OPENING + "\n\n" + _text.format(REGS=REGS) + _remedy,
    )

LETTER_NAMES: dict[str, str] = {
    "receipt": "回执",
    "correction": "补正告知书",
    "extension": "延期答复告知书",
    "consultation_third_party": "第三方意见征询函",
    "consultation_other_organ": "征求其他机关意见函",
    "fee_notice": "收费通知书",
    **{f"decision_{o}": "答复书" for o in _DECISION_BODY if o not in TERMINATIONS},
    **{f"decision_{o}": "终止办理告知书" for o in TERMINATIONS},
}

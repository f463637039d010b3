//! Built-in form templates in English and Chinese: a customer survey, a QA rubric for
//! e-commerce after-sales chat, 360 questionnaires per rater role and a scheme-feedback
//! form. Managers copy and edit them; their ids (`builtin.*`) stay reserved.

use super::form::{ChoiceOption, FormKind, FormTemplate, Item, ItemInput, RaterRole, Section};
use crate::scorecard::Label;

/// Id of [`customer_survey`].
pub const CUSTOMER_SURVEY: &str = "builtin.customer_survey";
/// Id of [`qa_after_sales_chat`].
pub const QA_AFTER_SALES_CHAT: &str = "builtin.qa_after_sales_chat";
/// Id of [`scheme_feedback`].
pub const SCHEME_FEEDBACK: &str = "builtin.scheme_feedback";

/// Id of the built-in 360 questionnaire for a role (`builtin.review360_peer`).
pub fn review360_id(role: RaterRole) -> String {
    format!("builtin.review360_{}", role.as_str())
}

fn item(id: &str, en: &str, zh: &str, input: ItemInput, dimension: Option<&str>) -> Item {
    Item {
        id: id.to_string(),
        label: Label::new(en, zh),
        input,
        required: true,
        dimension: dimension.map(str::to_string),
    }
}

fn optional(item: Item) -> Item {
    Item {
        required: false,
        ..item
    }
}

fn section(id: &str, en: &str, zh: &str, items: Vec<Item>) -> Section {
    Section {
        id: id.to_string(),
        title: Label::new(en, zh),
        items,
    }
}

fn qa(points: u32, critical: bool, allow_na: bool) -> ItemInput {
    ItemInput::QaCheck {
        points,
        critical,
        allow_na,
    }
}

/// Every built-in template.
pub fn all() -> Vec<FormTemplate> {
    let mut forms = vec![customer_survey(), qa_after_sales_chat()];
    forms.extend(RaterRole::ALL.map(review360));
    forms.push(scheme_feedback());
    forms
}

/// After-contact survey: CSAT (required), NPS, effort (CES 2.0 agreement, 1-7) and a
/// comment.
pub fn customer_survey() -> FormTemplate {
    const CS: Option<&str> = Some("customer_satisfaction");
    FormTemplate {
        id: CUSTOMER_SURVEY.to_string(),
        kind: FormKind::Survey,
        title: Label::new("Customer survey", "客户满意度调查"),
        sections: vec![section(
            "survey",
            "Your experience",
            "您的体验",
            vec![
                item(
                    "csat",
                    "Overall, how satisfied are you with the service?",
                    "总体而言，您对本次服务满意吗？",
                    ItemInput::Csat,
                    CS,
                ),
                optional(item(
                    "nps",
                    "How likely are you to recommend us to a friend?",
                    "您有多大可能向朋友推荐我们？",
                    ItemInput::Nps,
                    CS,
                )),
                optional(item(
                    "ces",
                    "The agent made it easy to handle my issue.",
                    "客服让我的问题处理起来很轻松。",
                    ItemInput::Effort,
                    CS,
                )),
                optional(item(
                    "comment",
                    "Anything else you would like to tell us?",
                    "还有什么想告诉我们的吗？",
                    ItemInput::FreeText,
                    None,
                )),
            ],
        )],
    }
}

/// QA rubric for an after-sales chat, 100 points. Policy accuracy and refund/return
/// handling are critical: getting either wrong fails the conversation. Identity check and
/// refund/return handling may be n/a (not every chat touches an account or a refund).
pub fn qa_after_sales_chat() -> FormTemplate {
    const SQ: Option<&str> = Some("service_quality");
    const CS: Option<&str> = Some("customer_satisfaction");
    FormTemplate {
        id: QA_AFTER_SALES_CHAT.to_string(),
        kind: FormKind::Qa,
        title: Label::new("QA rubric: after-sales chat", "质检评分表：售后在线客服"),
        sections: vec![
            section(
                "opening",
                "Opening",
                "开场",
                vec![
                    item(
                        "greeting",
                        "Greeting and introduction",
                        "问候与自我介绍",
                        qa(5, false, false),
                        CS,
                    ),
                    item(
                        "identity_check",
                        "Verified the customer's identity and order",
                        "核实客户身份与订单信息",
                        qa(10, false, true),
                        SQ,
                    ),
                ],
            ),
            section(
                "handling",
                "Handling",
                "问题处理",
                vec![
                    item(
                        "problem_understanding",
                        "Understood the customer's problem",
                        "准确理解客户问题",
                        qa(10, false, false),
                        SQ,
                    ),
                    item(
                        "policy_accuracy",
                        "Policy information was accurate",
                        "政策信息准确无误",
                        qa(25, true, false),
                        SQ,
                    ),
                    item(
                        "refund_return_handling",
                        "Handled the refund or return correctly",
                        "退款/退货处理正确",
                        qa(25, true, true),
                        SQ,
                    ),
                ],
            ),
            section(
                "communication",
                "Communication",
                "沟通",
                vec![
                    item(
                        "tone",
                        "Polite, patient and empathetic tone",
                        "语气礼貌、耐心、有同理心",
                        qa(15, false, false),
                        CS,
                    ),
                    item(
                        "closing",
                        "Closing: confirmed the resolution and next steps",
                        "结束语：确认问题已解决并说明后续步骤",
                        qa(10, false, false),
                        CS,
                    ),
                ],
            ),
        ],
    }
}

/// The 360 statements per dimension, teamwork first: (id, dimension, English, Chinese).
/// Worded as behaviours, so one text serves self, peer and manager raters.
const STATEMENTS_360: [(&str, &str, &str, &str); 7] = [
    (
        "tw_helps",
        "teamwork",
        "Helps colleagues when they are busy or stuck",
        "在同事忙碌或遇到困难时主动提供帮助",
    ),
    (
        "tw_knowledge",
        "teamwork",
        "Shares knowledge and contributes to the knowledge base",
        "分享经验并为知识库做贡献",
    ),
    (
        "tw_handover",
        "teamwork",
        "Transfers and hands over cases with complete information",
        "转接和交接工单时信息完整",
    ),
    (
        "sq_accuracy",
        "service_quality",
        "Gives customers accurate answers that follow policy",
        "给客户的答复准确且符合政策",
    ),
    (
        "sq_ownership",
        "service_quality",
        "Follows cases through to resolution",
        "跟进问题直至解决",
    ),
    (
        "ef_prompt",
        "efficiency",
        "Handles contacts promptly without rushing customers",
        "及时处理咨询且不催促客户",
    ),
    (
        "cs_empathy",
        "customer_satisfaction",
        "Shows empathy and patience with customers",
        "对客户有同理心和耐心",
    ),
];

/// Section titles of the 360 dimensions, in form order.
const SECTIONS_360: [(&str, &str, &str); 4] = [
    ("teamwork", "Teamwork", "团队合作"),
    ("service_quality", "Service quality", "服务质量"),
    ("efficiency", "Efficiency", "工作效率"),
    (
        "customer_satisfaction",
        "Customer satisfaction",
        "客户满意度",
    ),
];

/// The 360 questionnaire for one rater role: statements rated 1 (never) to 5 (always),
/// one section per dimension (teamwork first), and an optional comment.
pub fn review360(role: RaterRole) -> FormTemplate {
    let (title_en, title_zh) = match role {
        RaterRole::SelfReview => ("360 review: self assessment", "360 评价：自评"),
        RaterRole::Peer => ("360 review: peer review", "360 评价：同事互评"),
        RaterRole::Manager => ("360 review: manager review", "360 评价：上级评价"),
    };
    let mut sections: Vec<Section> = SECTIONS_360
        .iter()
        .map(|&(dimension, en, zh)| {
            let items = STATEMENTS_360
                .iter()
                .filter(|statement| statement.1 == dimension)
                .map(|&(id, dimension, en, zh)| {
                    item(
                        id,
                        en,
                        zh,
                        ItemInput::Rating { min: 1, max: 5 },
                        Some(dimension),
                    )
                })
                .collect();
            section(dimension, en, zh, items)
        })
        .collect();
    sections.push(section(
        "comment",
        "Comment",
        "评语",
        vec![optional(item(
            "comment",
            "What should this person keep doing, and what could they improve?",
            "此人有哪些值得保持的做法？有哪些可以改进的地方？",
            ItemInput::FreeText,
            None,
        ))],
    ));
    FormTemplate {
        id: review360_id(role),
        kind: FormKind::Review360 { role },
        title: Label::new(title_en, title_zh),
        sections,
    }
}

/// Agents' feedback on the evaluation scheme (定期审查 input).
pub fn scheme_feedback() -> FormTemplate {
    let choice = |id: &str, en: &str, zh: &str| ChoiceOption {
        id: id.to_string(),
        label: Label::new(en, zh),
    };
    FormTemplate {
        id: SCHEME_FEEDBACK.to_string(),
        kind: FormKind::SchemeFeedback,
        title: Label::new("Feedback on the evaluation scheme", "考核方案意见反馈"),
        sections: vec![section(
            "scheme",
            "The scheme",
            "考核方案",
            vec![
                item(
                    "understand_score",
                    "I understand how my score is calculated.",
                    "我清楚自己的分数是如何计算的。",
                    ItemInput::Rating { min: 1, max: 5 },
                    None,
                ),
                item(
                    "measures_fairly",
                    "The scheme measures my work fairly.",
                    "该方案能公平地衡量我的工作。",
                    ItemInput::Rating { min: 1, max: 5 },
                    None,
                ),
                item(
                    "weights_fair",
                    "Are the weights of the dimensions fair?",
                    "各维度的权重合理吗？",
                    ItemInput::SingleChoice {
                        options: vec![
                            choice("yes", "Yes", "合理"),
                            choice("partly", "Partly", "部分合理"),
                            choice("no", "No", "不合理"),
                        ],
                    },
                    None,
                ),
                optional(item(
                    "missing",
                    "What important part of your work does the scheme miss?",
                    "方案遗漏了您工作中的哪些重要部分？",
                    ItemInput::FreeText,
                    None,
                )),
                optional(item(
                    "suggestion",
                    "Suggestions for the next revision",
                    "对下次修订的建议",
                    ItemInput::FreeText,
                    None,
                )),
            ],
        )],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_are_valid_bilingual_and_round_trip() {
        let forms = all();
        assert_eq!(forms.len(), 6);
        for form in &forms {
            assert_eq!(form.problems(), Vec::<String>::new(), "{}", form.id);
            assert!(form.title.en.is_some() && form.title.zh.is_some());
            for item in form.items() {
                assert!(
                    item.label.en.is_some() && item.label.zh.is_some(),
                    "{}",
                    item.id
                );
            }
            let json = serde_json::to_string(form).unwrap();
            assert_eq!(&serde_json::from_str::<FormTemplate>(&json).unwrap(), form);
        }
        let ids: Vec<&str> = forms.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                CUSTOMER_SURVEY,
                QA_AFTER_SALES_CHAT,
                "builtin.review360_self",
                "builtin.review360_peer",
                "builtin.review360_manager",
                SCHEME_FEEDBACK
            ]
        );
    }

    #[test]
    fn the_qa_rubric_is_worth_100_with_two_critical_items() {
        let rubric = qa_after_sales_chat();
        assert_eq!(rubric.qa_points(), 100);
        let critical: Vec<&str> = rubric
            .items()
            .filter(|item| matches!(item.input, ItemInput::QaCheck { critical: true, .. }))
            .map(|item| item.id.as_str())
            .collect();
        assert_eq!(critical, ["policy_accuracy", "refund_return_handling"]);
    }

    #[test]
    fn review360_starts_with_teamwork() {
        let form = review360(RaterRole::Manager);
        assert_eq!(form.sections[0].id, "teamwork");
        assert!(form.sections[0]
            .items
            .iter()
            .all(|item| item.dimension.as_deref() == Some("teamwork")));
        assert_eq!(form.items().count(), 8);
    }
}

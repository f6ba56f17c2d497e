//! BRAZIL_CPF_NUMBER: Brazilian individual taxpayer numbers (CPF).

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::cpf;

/// Eleven digits with two mod-11 check digits, written `000.000.000-00` (found anywhere) or
/// plain (only right after "CPF"). Numbers of one repeated digit pass the checksum and are
/// what forms are filled with, so they are rejected.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "BRAZIL_CPF_NUMBER",
    description:
        "Brazilian CPF numbers (000.000.000-00, two mod-11 check digits, repeated digits rejected)",
    patterns: &[
        Pattern::new(
            "br-cpf-formatted",
            r"(?-u:\b)[0-9]{3}\.[0-9]{3}\.[0-9]{3}-[0-9]{2}(?-u:\b)",
        ),
        Pattern::near(
            "br-cpf-plain",
            r"(?-u:\b)[0-9]{9}-?[0-9]{2}(?-u:\b)",
            &["cpf"],
            8,
            32,
        ),
    ],
    validate,
    context: ContextPolicy {
        supporting: &[
            "cpf",
            "cadastro de pessoa",
            "receita federal",
            "contribuinte",
            "pessoa física",
            "pessoa fisica",
        ],
        opposing: &[
            "pedido",
            "order",
            "version",
            "versão",
            "build",
            "ticket",
            "chamado",
            "nota fiscal",
            "nf-e",
            "rastreamento",
            "rastreio",
            "tracking",
            "invoice",
            "fatura",
            "protocolo",
            "ref:",
            "ref#",
            "sku",
        ],
        window: 40,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 156,
    examples: &[
        Example {
            // A CNPJ on the next line says nothing about a CPF: their shapes differ.
            text: "Segue o documento:\n046.195.071-56\nCNPJ: 55.318.635/0002-04",
            finds: &["046.195.071-56"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Meu CPF é 529.982.247-25, pode atualizar o cadastro?",
            finds: &["529.982.247-25"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "CPF: 85301746235",
            finds: &["85301746235"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Customer in São Paulo gave 240.916.385-89 for the boleto.",
            finds: &["240.916.385-89"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "cpf 670128394-22 da titular, e 111.444.777-35 do dependente",
            finds: &["670128394-22", "111.444.777-35"],
            min_confidence: Confidence::VeryLikely,
        },
    ],
    negative_examples: &[
        // Second check digit wrong.
        "CPF 529.982.247-26 não confere.",
        // Repeated digits pass the checksum but are placeholders.
        "Preencha o CPF, ex.: 111.111.111-11 ou 000.000.000-00.",
        "Pedido 529.982.247-25 enviado pelos Correios.",
        "Código de rastreamento 853.017.462-35 atualizado.",
        "Version 100.200.300-12 of the export tool.",
        "Version: 045.949.385-07 released today.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    let d = cpf::eleven_digits(text)?;
    if d.iter().all(|&x| x == d[0]) || !cpf::checks(&d) {
        return None;
    }
    Some(Verdict::passed(Confidence::Likely, "cpf-mod-11"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t: &str| validate(t).map(|v| v.confidence);
        assert_eq!(c("529.982.247-25"), Some(Confidence::Likely));
        assert_eq!(c("85301746235"), Some(Confidence::Likely));
        assert_eq!(c("529.982.247-26"), None);
        assert_eq!(c("111.111.111-11"), None);
        assert_eq!(c("000.000.000-00"), None);
    }
}

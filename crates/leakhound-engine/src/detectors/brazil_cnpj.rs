//! BRAZIL_BUSINESS_TAX_ID_NUMBER: Brazilian company registry numbers (CNPJ).

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::cnpj;

/// Twelve characters and two mod-11 check digits, written `XX.XXX.XXX/XXXX-XX` (found
/// anywhere; letters allowed in the first twelve since July 2026) or fourteen plain digits
/// right after "CNPJ".
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "BRAZIL_BUSINESS_TAX_ID_NUMBER",
    description: "Brazilian CNPJ company numbers (XX.XXX.XXX/XXXX-XX, two mod-11 check digits, alphanumeric from 2026)",
    patterns: &[
        Pattern::new(
            "br-cnpj-formatted",
            r"(?-u:\b)[0-9A-Z]{2}\.[0-9A-Z]{3}\.[0-9A-Z]{3}/[0-9A-Z]{4}-[0-9]{2}(?-u:\b)",
        ),
        Pattern::near("br-cnpj-plain", r"(?-u:\b)[0-9]{14}(?-u:\b)", &["cnpj"], 8, 32),
    ],
    validate,
    context: ContextPolicy {
        supporting: &["cnpj", "pessoa jurídica", "pessoa juridica", "razão social", "razao social", "empresa", "receita federal"],
        opposing: &["pedido", "order", "rastreamento", "rastreio", "tracking", "protocolo", "ref:", "ref#", "sku"],
        window: 40,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 157,
    examples: &[
        Example {
            text: "CNPJ da empresa: 11.222.333/0001-81",
            finds: &["11.222.333/0001-81"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Fornecedor 45.190.377/0001-99 emitiu a nota ontem.",
            finds: &["45.190.377/0001-99"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "cnpj 27014856000253 (filial 2)",
            finds: &["27014856000253"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Novo CNPJ alfanumérico 12.ABC.345/01DE-35 cadastrado.",
            finds: &["12.ABC.345/01DE-35"],
            min_confidence: Confidence::VeryLikely,
        },
    ],
    negative_examples: &[
        "CNPJ 11.222.333/0001-82 inválido.",
        "CNPJ 00.000.000/0000-00 de exemplo.",
        "Pedido 11.222.333/0001-81 despachado.",
        "Rastreamento 45.190.377/0001-99 em trânsito.",
        "Path AB.CDE.FGH/IJKL-12 is not a company.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    let b = cnpj::checked(text)?;
    if b[..8].iter().all(|&x| x == b[0]) {
        return None;
    }
    Some(Verdict::passed(Confidence::Likely, "cnpj-mod-11"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t: &str| validate(t).map(|v| v.confidence);
        assert_eq!(c("11.222.333/0001-81"), Some(Confidence::Likely));
        assert_eq!(c("12.ABC.345/01DE-35"), Some(Confidence::Likely));
        assert_eq!(c("11.222.333/0001-82"), None);
        assert_eq!(c("00.000.000/0000-00"), None);
    }
}

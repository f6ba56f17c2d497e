//! Agreement with python-stdnum: every valid and invalid number in python-stdnum's doctests
//! (`tests/test_*.doctest`) and module docstrings, for every stdnum module that a leakhound
//! validator covers, must get the same verdict from leakhound's `is_valid`.
//!
//! The numbers come from the python-stdnum source distribution, which `scripts/fetch-stdnum`
//! downloads from PyPI and unpacks; its directory is given in `LEAKHOUND_STDNUM_DIR`:
//!
//! ```text
//! LEAKHOUND_STDNUM_DIR="$(scripts/fetch-stdnum)" cargo test -p leakhound-engine --test stdnum -- --nocapture
//! ```
//!
//! Without the variable the test says so loudly and passes, except under CI (`CI` set), where
//! it fails: the agreement is part of the release proof.
//!
//! What is read: `>>> validate('…')` followed by a value (valid) or a traceback (invalid),
//! `>>> is_valid('…')` followed by `True` or `False`, both also with the module prefix used in
//! the test files (`imei.validate(…)`), and the list idiom of the test files: a
//! `numbers = '''…'''` block followed by
//! `[x for x in numbers.splitlines() if x and (not) module.is_valid(x)]` expecting `[]`.
//! Calls with keyword arguments are compared only when the module's entry says leakhound
//! implements that variant; calls whose outcome depends on a data file leakhound does not
//! ship are counted as skipped, per module, with the reason.

use leakhound_engine::validate::{
    aba, bc_phn, bic, cnpj, cpf, cusip, ein, iban, imei, itin, luhn, mac, nhs, nir, pps, sin, ssn,
    utr,
};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// A leakhound validator: true when the text is a valid number.
type IsValid = fn(&str) -> bool;

/// One python-stdnum module and the leakhound validator that must agree with it.
struct Module {
    /// stdnum's dotted module name (`us.itin`); the sources are `stdnum/us/itin.py` and
    /// `tests/test_us_itin.doctest` (either may be missing).
    name: &'static str,
    /// Leakhound's verdict, normalising separators as stdnum does.
    is_valid: IsValid,
    /// Keyword arguments (`name=value`, as written) with the leakhound validator that matches
    /// stdnum called with them; calls with any other keyword argument are skipped.
    variants: &'static [(&'static str, IsValid)],
    /// stdnum exceptions that come from data leakhound deliberately does not ship, with why:
    /// invalid verdicts carrying them are skipped.
    data_exceptions: &'static [(&'static str, &'static str)],
}

impl Module {
    const fn new(name: &'static str, is_valid: IsValid) -> Module {
        Module {
            name,
            is_valid,
            variants: &[],
            data_exceptions: &[],
        }
    }
}

/// The stdnum modules leakhound's validators cover. Add a line per validator.
const MODULES: &[Module] = &[
    Module::new("luhn", luhn::is_valid),
    Module {
        name: "iban",
        is_valid: iban::is_valid,
        variants: &[("check_country=False", iban::is_valid_without_national_check)],
        data_exceptions: &[],
    },
    Module::new("us.ssn", ssn::is_valid),
    Module::new("us.rtn", aba::is_valid),
    Module::new("us.itin", itin::is_valid),
    Module::new("us.ein", ein::is_valid),
    Module::new("ca.sin", sin::is_valid),
    Module::new("ca.bc_phn", bc_phn::is_valid),
    Module::new("imei", imei::is_valid),
    Module::new("gb.nhs", nhs::is_valid),
    Module::new("gb.utr", utr::is_valid),
    Module::new("ie.pps", pps::is_valid),
    Module::new("fr.nir", nir::is_valid),
    Module::new("br.cpf", cpf::is_valid),
    Module::new("br.cnpj", cnpj::is_valid),
    Module::new("bic", bic::is_valid),
    Module::new("cusip", cusip::is_valid),
    Module {
        name: "mac",
        is_valid: mac::is_valid,
        variants: &[("validate_manufacturer=False", mac::is_valid)],
        data_exceptions: &[(
            "InvalidComponent",
            "manufacturer lookup in the IEEE OUI registry, which leakhound does not ship",
        )],
    },
];

/// What stdnum says of one number.
#[derive(Debug)]
struct Case {
    number: String,
    valid: bool,
    /// The exception stdnum raised, for invalid numbers read from a traceback.
    exception: Option<String>,
    /// Keyword arguments of the call, as written (`validate_manufacturer=False`).
    kwargs: Vec<String>,
    /// Where it was read, for messages.
    origin: String,
}

#[test]
fn validators_agree_with_python_stdnum() {
    let Some(dir) = std::env::var_os("LEAKHOUND_STDNUM_DIR").filter(|d| !d.is_empty()) else {
        let note = "\n\
            **************************************************************************\n\
            * SKIPPED: python-stdnum agreement test. Set LEAKHOUND_STDNUM_DIR to the *\n\
            * directory printed by scripts/fetch-stdnum (scripts/test does this).    *\n\
            **************************************************************************\n";
        // Straight to the process's stderr: the test harness captures `eprintln!`.
        let _ = std::io::stderr().write_all(note.as_bytes());
        assert!(
            std::env::var_os("CI").is_none(),
            "LEAKHOUND_STDNUM_DIR is not set under CI: the python-stdnum agreement test must run"
        );
        return;
    };
    let dir = PathBuf::from(dir);
    assert!(
        dir.join("stdnum").is_dir(),
        "LEAKHOUND_STDNUM_DIR={} holds no stdnum/ directory",
        dir.display()
    );

    let mut report = String::new();
    let mut failures = Vec::new();
    for module in MODULES {
        let cases = read_cases(&dir, module.name);
        let (mut valid, mut invalid) = (0, 0);
        let mut skipped: HashMap<String, usize> = HashMap::new();
        for case in &cases {
            let mut is_valid = module.is_valid;
            if let Some(kw) = case.kwargs.first() {
                match module.variants.iter().find(|(k, _)| k == kw) {
                    Some((_, f)) if case.kwargs.len() == 1 => is_valid = *f,
                    _ => {
                        *skipped.entry(format!("keyword argument {kw}")).or_default() += 1;
                        continue;
                    }
                }
            }
            if !case.valid && case.kwargs.is_empty() {
                if let Some((_, why)) = module
                    .data_exceptions
                    .iter()
                    .find(|(e, _)| case.exception.as_deref() == Some(e))
                {
                    *skipped.entry((*why).to_string()).or_default() += 1;
                    continue;
                }
            }
            let ours = is_valid(&case.number);
            if ours != case.valid {
                failures.push(format!(
                    "{}: {:?} is {} for python-stdnum ({}{}) but {} for leakhound",
                    module.name,
                    case.number,
                    verdict(case.valid),
                    case.origin,
                    case.exception
                        .as_deref()
                        .map(|e| format!(", {e}"))
                        .unwrap_or_default(),
                    verdict(ours),
                ));
            }
            if case.valid {
                valid += 1;
            } else {
                invalid += 1;
            }
        }
        let _ = write!(
            report,
            "  {:<10} {valid:>4} valid, {invalid:>4} invalid agreed",
            module.name
        );
        let mut skipped: Vec<_> = skipped.into_iter().collect();
        skipped.sort();
        for (why, n) in skipped {
            let _ = write!(report, "; {n} skipped ({why})");
        }
        report.push('\n');
        if valid + invalid == 0 {
            failures.push(format!(
                "{}: no numbers read from python-stdnum (has the doctest format changed?)",
                module.name
            ));
        }
    }
    let _ = writeln!(
        std::io::stderr(),
        "python-stdnum agreement ({}):\n{report}",
        dir.display()
    );
    assert!(
        failures.is_empty(),
        "{} disagreements with python-stdnum:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn verdict(valid: bool) -> &'static str {
    if valid {
        "valid"
    } else {
        "invalid"
    }
}

/// Every case of `module` in its docstring and its test file.
fn read_cases(dir: &Path, module: &str) -> Vec<Case> {
    let parts: Vec<&str> = module.split('.').collect();
    let short = parts[parts.len() - 1];
    let source = dir.join("stdnum").join(parts.join("/") + ".py");
    let tests = dir
        .join("tests")
        .join(format!("test_{}.doctest", parts.join("_")));
    let mut cases = Vec::new();
    if let Ok(text) = std::fs::read_to_string(&source) {
        // In its own docstring a module calls itself without a prefix.
        cases.extend(parse_doctest(&text, &[""], &rel(dir, &source)));
    }
    if let Ok(text) = std::fs::read_to_string(&tests) {
        cases.extend(parse_doctest(&text, &[short], &rel(dir, &tests)));
    }
    assert!(
        source.exists(),
        "python-stdnum has no module {module} at {}",
        source.display()
    );
    cases
}

fn rel(dir: &Path, file: &Path) -> String {
    file.strip_prefix(dir).unwrap_or(file).display().to_string()
}

/// The cases of one doctest text. `prefixes` are the accepted call prefixes: `""` for bare
/// `validate(…)`, or a module's short name for `imei.validate(…)`.
fn parse_doctest(text: &str, prefixes: &[&str], file: &str) -> Vec<Case> {
    let lines: Vec<&str> = text.lines().collect();
    let mut blocks: HashMap<String, Vec<String>> = HashMap::new();
    let mut cases = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(stmt) = lines[i].trim_start().strip_prefix(">>> ") else {
            i += 1;
            continue;
        };
        let line_no = i + 1;
        let stmt = strip_comment(stmt).trim();
        i += 1;
        // `numbers = '''` … `'''`: a block of numbers, one per line.
        if let Some((name, rest)) = stmt.split_once(" = ") {
            if rest == "'''" || rest == "\"\"\"" {
                let mut values = Vec::new();
                while i < lines.len() {
                    let l = lines[i].trim_start();
                    i += 1;
                    let content = l.strip_prefix("...").unwrap_or(l).trim();
                    if content == rest {
                        break;
                    }
                    if !content.is_empty() {
                        values.push(content.to_string());
                    }
                }
                blocks.insert(name.trim().to_string(), values);
                continue;
            }
        }
        let output = output_of(&lines, i);
        // `[x for x in numbers.splitlines() if x and not module.is_valid(x)]` → `[]`.
        if let Some(list) = parse_list_check(stmt, prefixes) {
            if output.first().map(|s| s.trim()) == Some("[]") {
                if let Some(values) = blocks.get(&list.block) {
                    for v in values {
                        cases.push(Case {
                            number: v.clone(),
                            valid: list.expects_valid,
                            exception: None,
                            kwargs: list.kwargs.clone(),
                            origin: format!("{file}:{line_no}"),
                        });
                    }
                }
            }
            continue;
        }
        let Some(call) = parse_call(stmt, prefixes) else {
            continue;
        };
        let Some(first) = output.first() else {
            continue;
        };
        let first = first.trim();
        let (valid, exception) = if first.starts_with("Traceback") {
            let exc = output.iter().skip(1).find_map(|l| {
                let l = l.trim();
                let (name, _) = l.split_once(':')?;
                (!name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_'))
                .then(|| name.rsplit('.').next().unwrap_or(name).to_string())
            });
            (false, exc)
        } else if call.function == "is_valid" {
            match first {
                "True" => (true, None),
                "False" => (false, None),
                _ => continue,
            }
        } else if first.starts_with('\'') || first.starts_with('"') {
            (true, None)
        } else {
            continue;
        };
        cases.push(Case {
            number: call.number,
            valid,
            exception,
            kwargs: call.kwargs,
            origin: format!("{file}:{line_no}"),
        });
    }
    cases
}

/// The output lines of the statement whose continuation lines start at `i`: up to the next
/// blank line or `>>>`.
fn output_of<'a>(lines: &[&'a str], mut i: usize) -> Vec<&'a str> {
    while i < lines.len() && lines[i].trim_start().starts_with("... ") {
        i += 1;
    }
    lines[i..]
        .iter()
        .take_while(|l| !l.trim().is_empty() && !l.trim_start().starts_with(">>>"))
        .copied()
        .collect()
}

/// `stmt` without a trailing `# comment` outside string literals.
fn strip_comment(stmt: &str) -> &str {
    let mut quote = None;
    let mut escaped = false;
    for (i, c) in stmt.char_indices() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '#' => return &stmt[..i],
            None => {}
        }
    }
    stmt
}

struct Call {
    function: &'static str,
    number: String,
    kwargs: Vec<String>,
}

/// `[prefix.]validate('…'[, kw=v…])` or `[prefix.]is_valid(…)`, the whole statement.
fn parse_call(stmt: &str, prefixes: &[&str]) -> Option<Call> {
    for function in ["validate", "is_valid"] {
        for prefix in prefixes {
            let head = if prefix.is_empty() {
                format!("{function}(")
            } else {
                format!("{prefix}.{function}(")
            };
            let Some(args) = stmt.strip_prefix(&head).and_then(|r| r.strip_suffix(')')) else {
                continue;
            };
            let (number, rest) = parse_string_literal(args)?;
            let kwargs = parse_kwargs(rest)?;
            return Some(Call {
                function,
                number,
                kwargs,
            });
        }
    }
    None
}

/// `, a=b, c=d` → `["a=b", "c=d"]`; `None` for anything else (more positional arguments).
fn parse_kwargs(rest: &str) -> Option<Vec<String>> {
    let rest = rest.trim();
    if rest.is_empty() {
        return Some(Vec::new());
    }
    let rest = rest.strip_prefix(',')?;
    rest.split(',')
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(|k| {
            let (name, value) = k.split_once('=')?;
            Some(format!("{}={}", name.trim(), value.trim()))
        })
        .collect()
}

/// A Python string literal at the start of `s`, and what follows it.
fn parse_string_literal(s: &str) -> Option<(String, &str)> {
    let s = s.trim_start();
    let s = s.strip_prefix('u').unwrap_or(s);
    let quote = s.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let mut out = String::new();
    let mut chars = s.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        if c == quote {
            return Some((out, &s[i + 1..]));
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let (_, e) = chars.next()?;
        match e {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'x' | 'u' => {
                let n = if e == 'x' { 2 } else { 4 };
                let hex: String = (0..n)
                    .filter_map(|_| chars.next().map(|(_, c)| c))
                    .collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            other => out.push(other),
        }
    }
    None
}

struct ListCheck {
    block: String,
    expects_valid: bool,
    kwargs: Vec<String>,
}

/// `[ x for x in numbers.splitlines() if x and not module.is_valid(x) ]` and the variant
/// without `not` (every number invalid).
fn parse_list_check(stmt: &str, prefixes: &[&str]) -> Option<ListCheck> {
    let inner = stmt.strip_prefix('[')?.strip_suffix(']')?.trim();
    let rest = inner.strip_prefix("x for x in ")?;
    let (block, rest) = rest.split_once(".splitlines() if x and ")?;
    let (expects_valid, call) = match rest.strip_prefix("not ") {
        Some(call) => (true, call.trim()),
        None => (false, rest.trim()),
    };
    let prefix = prefixes.iter().find(|p| !p.is_empty())?;
    let args = call
        .strip_prefix(&format!("{prefix}.is_valid("))?
        .strip_suffix(')')?;
    let rest = args.trim().strip_prefix('x')?;
    Some(ListCheck {
        block: block.trim().to_string(),
        expects_valid,
        kwargs: parse_kwargs(rest)?,
    })
}

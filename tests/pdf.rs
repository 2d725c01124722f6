//! PDF input: transcripts written as PDFs by the tests themselves
//! (tests/common/pdf.rs), read through the library and the real binary.

mod common;
#[path = "common/pdf.rs"]
mod pdf;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use common::{gloss, stderr, stdout, terminal_hazards};
use gloss::document::Document;
use gloss::speaker;
use pdf::{Run, run, text_pdf};

/// An invented oral argument, as its printed lines (line numbers added per page).
const ARGUMENT: &[&str] = &[
    "JUSTICE HALVORSEN: We will hear argument next in",
    "Case 24-117, Brennick v. Tallow County.",
    "Ms. Okonjo-Reyes.",
    "ORAL ARGUMENT OF ADAEZE OKONJO-REYES",
    "ON BEHALF OF THE PETITIONER",
    "MS. OKONJO-REYES: Mr. Chief Justice, and may it",
    "please the Court: The county's ordi-",
    "nance reaches conduct the statute never named.",
    "JUSTICE MARCHETTI: But the text says any vessel, and",
    "a barge is a vessel.",
    "MS. OKONJO-REYES: Any vessel in navigation, Justice",
    "Marchetti, and a moored barge is not in navigation.",
    "JUSTICE HALVORSEN: Was it moored on the day of the",
    "inspection?",
    "MS. OKONJO-REYES: It was, and it had been for three",
    "years, with its engines taken out.",
    "JUSTICE PELLEGRINI: Then what does the county say",
    "it was doing there?",
    "MS. OKONJO-REYES: Storing grain, Justice Pellegrini,",
    "which is all the record shows.",
];

const HEADER: &str = "Official - Subject to Final Review";
const FOOTER: &str = "Lindqvist Reporting Company";
/// Printed lines per page, as court reporters number them.
const PER_PAGE: usize = 12;

/// The argument as a court reporter's PDF: numbered lines, a running header
/// and footer, a page number.
fn argument_pdf() -> Vec<u8> {
    let pages: Vec<Vec<Run>> = ARGUMENT
        .chunks(PER_PAGE)
        .enumerate()
        .map(|(p, lines)| {
            let mut runs = vec![run(200.0, 760.0, HEADER)];
            for (i, line) in lines.iter().enumerate() {
                let y = 700.0 - i as f32 * 24.0;
                runs.push(run(40.0, y, &format!("{:>2}", i + 1)));
                runs.push(run(72.0, y, line));
            }
            runs.push(run(300.0, 60.0, &(p + 1).to_string()));
            runs.push(run(220.0, 40.0, FOOTER));
            runs
        })
        .collect();
    text_pdf(&pages)
}

/// The same argument as text pasted out of a PDF viewer: what the plain-text
/// path already reads.
fn argument_pasted() -> String {
    let mut text = String::new();
    for (p, lines) in ARGUMENT.chunks(PER_PAGE).enumerate() {
        // Writing into a String cannot fail.
        write!(text, "                    {HEADER}\n\n").unwrap();
        for (i, line) in lines.iter().enumerate() {
            write!(text, "{:>2}   {line}\n\n", i + 1).unwrap();
        }
        write!(text, "                                        {}\n\n", p + 1).unwrap();
        write!(text, "                         {FOOTER}\n\n").unwrap();
    }
    text
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The speaker of each turn, in order.
fn turns(doc: &Document) -> Vec<String> {
    let attribution = speaker::detect(doc);
    attribution
        .passages
        .iter()
        .filter(|p| p.turn_start)
        .filter_map(|p| p.speaker)
        .map(|id| attribution.speakers[id.0].name.clone())
        .collect()
}

#[test]
fn a_court_pdf_gives_the_same_turns_as_its_pasted_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "brennick-v-tallow.pdf", &argument_pdf());
    let from_pdf = Document::load(&path).unwrap();
    let pasted = Document::parse_plain(&argument_pasted());
    let want = turns(&pasted);
    assert!(want.len() >= 8, "the pasted text has its turns: {want:?}");
    assert_eq!(turns(&from_pdf), want, "PDF text:\n{}", from_pdf.text);
    // Hyphenation at a line end is undone; the header stays a line of its own.
    assert!(from_pdf.text.contains("The county's ordinance"), "{}", from_pdf.text);
    assert!(from_pdf.text.lines().any(|l| l.trim() == HEADER));
}

#[test]
fn gloss_show_and_speakers_read_a_pdf() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "argument.pdf", &argument_pdf());
    let out = gloss(dir.path(), &["show", "argument.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Storing grain"), "{text}");
    assert!(terminal_hazards(&text).is_empty());
    let out = gloss(dir.path(), &["speakers", "--json", "argument.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let names: Vec<&str> = json["speakers"].as_array().unwrap().iter().filter_map(|r| r["name"].as_str()).collect();
    for who in ["Halvorsen", "Okonjo-Reyes", "Marchetti", "Pellegrini"] {
        assert!(names.iter().any(|n| n.to_lowercase().contains(&who.to_lowercase())), "{who} in {names:?}");
    }
    // A PDF in a library folder is one of its articles.
    let out = gloss(dir.path(), &["list", "--json", "."]);
    assert!(stdout(&out).contains("argument.pdf"), "{}", stdout(&out));
}

#[test]
fn a_two_column_page_is_read_column_by_column() {
    let left = ["The harbour board met", "on Tuesday to hear the", "dredging plan, which", "the mayor opposed."];
    let right = ["Her deputy, Ilse Varga,", "said the board would", "vote again in spring", "after a new survey."];
    let mut runs = vec![run(150.0, 760.0, "HARBOUR BOARD DEFERS DREDGING VOTE")];
    for (i, (l, r)) in left.iter().zip(right).enumerate() {
        let y = 700.0 - i as f32 * 14.0;
        runs.push(run(40.0, y, l));
        runs.push(run(320.0, y, r));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "columns.pdf", &text_pdf(&[runs]));
    let doc = Document::load(&path).unwrap();
    let lines: Vec<&str> = doc.text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let mut want = vec!["HARBOUR BOARD DEFERS DREDGING VOTE"];
    want.extend(left);
    want.extend(right);
    assert_eq!(lines, want);
}

#[test]
fn a_scan_without_text_says_so_and_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "scanned-hearing.pdf", &pdf::scanned_pdf(2));
    let out = gloss(dir.path(), &["show", "scanned-hearing.pdf"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("scanned-hearing.pdf") && err.contains("no text layer") && err.contains("2 pages"), "{err}");
}

#[test]
fn damaged_pdfs_are_errors_naming_the_file_never_panics() {
    let whole = argument_pdf();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("garbage.pdf", b"%PDF-1.7\nthis is not a PDF at all".to_vec()),
        ("truncated.pdf", whole[..whole.len() / 2].to_vec()),
        ("empty-sig.pdf", b"%PDF-".to_vec()),
        ("bad-encoding.pdf", pdf::bad_encoding_pdf()),
        ("no-extension", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec()),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in cases {
        write(dir.path(), name, &bytes);
        let out = gloss(dir.path(), &["show", name]);
        let err = stderr(&out);
        assert!(!out.status.success(), "{name}: {}", stdout(&out));
        assert!(err.starts_with(&format!("gloss: {name}: ")), "{name}: {err}");
        assert!(!err.contains("panicked") && err.lines().count() == 1, "{name}: {err}");
        // The library still lists the folder, the file marked unreadable.
    }
    let out = gloss(dir.path(), &["list", "."]);
    assert!(out.status.success(), "{}", stderr(&out));
}

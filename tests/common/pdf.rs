//! Writes small PDFs for the tests: text placed at given positions in a
//! standard font (Courier, so no font file is needed), one list of runs per
//! page; and a page that is only an image, as a scanner makes.
#![allow(dead_code)]

use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, ObjectId, Stream, dictionary};

/// A run of text at (x, y) in points from the page's bottom left corner.
pub struct Run {
    pub x: f32,
    pub y: f32,
    pub text: String,
}

pub fn run(x: f32, y: f32, text: &str) -> Run {
    Run { x, y, text: text.to_owned() }
}

/// A PDF of `pages` in 11-point Courier on US letter.
pub fn text_pdf(pages: &[Vec<Run>]) -> Vec<u8> {
    build(
        pages.len(),
        |doc, _| {
            let font = doc.add_object(dictionary! {
                "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier", "Encoding" => "WinAnsiEncoding",
            });
            dictionary! { "Font" => dictionary! { "F1" => font } }
        },
        |i| {
            let mut ops = vec![Operation::new("BT", vec![]), Operation::new("Tf", vec!["F1".into(), 11.into()])];
            for r in &pages[i] {
                ops.push(Operation::new("Tm", vec![1.into(), 0.into(), 0.into(), 1.into(), r.x.into(), r.y.into()]));
                ops.push(Operation::new("Tj", vec![Object::string_literal(r.text.as_str())]));
            }
            ops.push(Operation::new("ET", vec![]));
            ops
        },
    )
}

/// A PDF of `pages` pages, each only a grey image filling the page: a scan.
pub fn scanned_pdf(pages: usize) -> Vec<u8> {
    build(
        pages,
        |doc, _| {
            let pixels: Vec<u8> = (0..64u8).map(|i| i.wrapping_mul(37)).collect();
            let image = doc.add_object(Stream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Image", "Width" => 8, "Height" => 8,
                    "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
                },
                pixels,
            ));
            dictionary! { "XObject" => dictionary! { "Im1" => image } }
        },
        |_| {
            vec![
                Operation::new("q", vec![]),
                Operation::new("cm", vec![612.into(), 0.into(), 0.into(), 792.into(), 0.into(), 0.into()]),
                Operation::new("Do", vec!["Im1".into()]),
                Operation::new("Q", vec![]),
            ]
        },
    )
}

/// A one-page PDF whose font names an encoding no PDF has: the parser
/// underneath gloss panics on it.
pub fn bad_encoding_pdf() -> Vec<u8> {
    build(
        1,
        |doc, _| {
            let font = doc.add_object(dictionary! {
                "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier", "Encoding" => "NoSuchEncoding",
            });
            dictionary! { "Font" => dictionary! { "F1" => font } }
        },
        |_| {
            vec![
                Operation::new("BT", vec![]),
                Operation::new("Tf", vec!["F1".into(), 11.into()]),
                Operation::new("Td", vec![72.into(), 700.into()]),
                Operation::new("Tj", vec![Object::string_literal("HOST: hello")]),
                Operation::new("ET", vec![]),
            ]
        },
    )
}

fn build(
    pages: usize,
    resources: impl FnOnce(&mut Document, ObjectId) -> lopdf::Dictionary,
    content: impl Fn(usize) -> Vec<Operation>,
) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let resources = resources(&mut doc, pages_id);
    let resources_id = doc.add_object(resources);
    let mut kids = Vec::new();
    for i in 0..pages {
        let stream = Stream::new(dictionary! {}, Content { operations: content(i) }.encode().unwrap());
        let content_id = doc.add_object(stream);
        let page = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content_id });
        kids.push(page.into());
    }
    let count = i64::try_from(kids.len()).unwrap();
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

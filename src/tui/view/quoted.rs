//! The "quoted elsewhere" list: the passage asked about, then the other
//! articles' passages, two rows each (quote or paraphrase, date, title,
//! path, speaker; the snippet with the shared words highlighted).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

use super::search::{hit_lines, popup, progress};
use crate::app::AppState;
use crate::document::normalise::sanitise_line;
use crate::index::{EchoKind, Hit};
use crate::text::truncate_to_width;
use crate::tui::theme::Theme;

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(list) = &state.index.quoted else { return };
    let popup = popup(area);
    frame.render_widget(Clear, popup);
    let echoes = list.echoes();
    let title = format!(
        " Quoted elsewhere · {} found · j k move · enter open · ] q [ q next/previous later · esc close ",
        echoes.len()
    );
    let block = Block::bordered()
        .title(truncate_to_width(&title, usize::from(popup.width.saturating_sub(2))))
        .border_style(theme.border_focused);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let heading = format!("{} · {}", sanitise_line(&list.article), sanitise_line(&list.excerpt));
    let mut lines = vec![Line::styled(truncate_to_width(&heading, usize::from(inner.width)), theme.heading)];
    match &list.result {
        None => lines.push(Line::styled(
            progress(state).unwrap_or_else(|| "looking for these words in the other articles…".into()),
            theme.dim,
        )),
        Some(Err(why)) => lines.push(Line::styled(sanitise_line(why).into_owned(), theme.error)),
        Some(Ok(found)) if found.is_empty() => {
            lines.push(Line::styled("no other article quotes or paraphrases this passage", theme.dim));
        }
        Some(Ok(_)) => {}
    }
    let hits: Vec<Hit> = echoes.iter().map(|e| e.hit.clone()).collect();
    let tags: Vec<String> = echoes
        .iter()
        .map(|e| match e.kind {
            EchoKind::Quote => format!("QUOTE {} words", e.run_words),
            EchoKind::Paraphrase => format!("PARAPHRASE {:.0}%", e.overlap * 100.0),
        })
        .collect();
    hit_lines(theme, &mut lines, &hits, &tags, list.selected, inner, true);
    frame.render_widget(Paragraph::new(lines), inner);
}
